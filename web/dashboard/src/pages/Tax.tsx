// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function TaxPage() {
  return <Placeholder title="Tax" description="Tax rates per country." />;
}
