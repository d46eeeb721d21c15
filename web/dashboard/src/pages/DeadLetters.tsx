// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function DeadLettersPage() {
  return <Placeholder title="Dead letters" description="Events whose handler kept failing: replay or discard." />;
}
