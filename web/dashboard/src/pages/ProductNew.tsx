import { Placeholder } from '../components/Placeholder.tsx';

export default function ProductNewPage() {
  return <Placeholder title="Products" description="Products, variants, prices and stock." />;
}
