import type { Handler } from '../../../platform/bus/index.ts';
import type { ShippingOptionSnapshot } from '../../shipping/contract.ts';
import { writeShippingOption } from '../entities/projection-store.ts';

export const onShippingOptionChanged: Handler<ShippingOptionSnapshot> = async ({ em }, { payload }) => {
  await writeShippingOption(em, payload);
};
