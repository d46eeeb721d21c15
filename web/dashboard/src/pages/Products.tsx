import { Placeholder } from '../components/Placeholder.tsx';

export default function ProductsPage() {
  return <Placeholder title="Products" description="Products, variants, prices and stock." />;
}
