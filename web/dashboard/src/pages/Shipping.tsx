// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function ShippingPage() {
  return <Placeholder title="Shipping" description="Shipping options and their prices." />;
}
