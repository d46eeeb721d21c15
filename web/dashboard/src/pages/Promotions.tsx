// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function PromotionsPage() {
  return <Placeholder title="Promotions" description="Promotions and their codes." />;
}
