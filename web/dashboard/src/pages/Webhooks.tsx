// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function WebhooksPage() {
  return <Placeholder title="Webhooks" description="Webhook endpoints and their deliveries." />;
}
