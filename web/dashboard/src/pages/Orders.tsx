// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function OrdersPage() {
  return <Placeholder title="Orders" description="Orders with their timeline, cancel, refund, ship and deliver." />;
}
