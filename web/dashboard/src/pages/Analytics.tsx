// Placeholder: this screen is built in its own change (replace this file; the route is in routes.tsx).
import { Placeholder } from '../components/Placeholder.tsx';

export default function AnalyticsPage() {
  return (
    <Placeholder title="Analytics" description="Revenue, orders, average order value, the funnel and top products." />
  );
}
