import { Placeholder } from '../components/Placeholder.tsx';

export default function ProductDetailPage() {
  return <Placeholder title="Products" description="Products, variants, prices and stock." />;
}
