// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function ApiKeysPage() {
  return <Placeholder title="API keys" description="API keys for integrations." />;
}
