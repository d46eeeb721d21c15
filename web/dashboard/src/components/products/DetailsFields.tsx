// The product fields staff edit on create and on the detail page: text, taxonomy, images (URLs).
import { ActionIcon, Button, Group, MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTaxonomy } from './taxonomy.ts';

export interface ProductDetails {
  title: string;
  subtitle: string;
  description: string;
  categoryIds: string[];
  collectionIds: string[];
  images: { url: string; alt: string }[];
}

export const emptyDetails: ProductDetails = {
  title: '',
  subtitle: '',
  description: '',
  categoryIds: [],
  collectionIds: [],
  images: [],
};

/** The API's shape of the details (empty text as null, image alt left out when empty). */
export const detailsBody = (d: ProductDetails) => ({
  title: d.title.trim(),
  subtitle: d.subtitle.trim() || null,
  description: d.description.trim() || null,
  categoryIds: d.categoryIds,
  collectionIds: d.collectionIds,
  images: d.images
    .filter((i) => i.url.trim())
    .map((i) => ({ url: i.url.trim(), ...(i.alt.trim() ? { alt: i.alt.trim() } : {}) })),
});

export function DetailsFields({
  value,
  onChange,
  disabled,
}: {
  value: ProductDetails;
  onChange(next: ProductDetails): void;
  disabled?: boolean;
}) {
  const { categories, collections } = useTaxonomy();
  const set = <K extends keyof ProductDetails>(key: K, v: ProductDetails[K]) => onChange({ ...value, [key]: v });
  const setImage = (i: number, patch: Partial<{ url: string; alt: string }>) =>
    set(
      'images',
      value.images.map((img, j) => (j === i ? { ...img, ...patch } : img)),
    );
  return (
    <Stack>
      <TextInput
        label="Title"
        required
        disabled={disabled}
        value={value.title}
        onChange={(e) => set('title', e.currentTarget.value)}
      />
      <TextInput
        label="Subtitle"
        disabled={disabled}
        value={value.subtitle}
        onChange={(e) => set('subtitle', e.currentTarget.value)}
      />
      <Textarea
        label="Description"
        autosize
        minRows={3}
        disabled={disabled}
        value={value.description}
        onChange={(e) => set('description', e.currentTarget.value)}
      />
      <Group grow align="start">
        <MultiSelect
          label="Categories"
          searchable
          disabled={disabled}
          data={categories.map((c) => ({ value: c.id, label: c.name }))}
          value={value.categoryIds}
          onChange={(v) => set('categoryIds', v)}
        />
        <MultiSelect
          label="Collections"
          searchable
          disabled={disabled}
          data={collections.map((c) => ({ value: c.id, label: c.title }))}
          value={value.collectionIds}
          onChange={(v) => set('collectionIds', v)}
        />
      </Group>
      <Stack gap="xs" role="group" aria-label="Images">
        {value.images.map((img, i) => (
          <Group key={i} align="end">
            <TextInput
              label={`Image ${i + 1} URL`}
              type="url"
              placeholder="https://cdn.example.com/photo.jpg"
              disabled={disabled}
              value={img.url}
              onChange={(e) => setImage(i, { url: e.currentTarget.value })}
              style={{ flex: 2 }}
            />
            <TextInput
              label={`Image ${i + 1} description`}
              disabled={disabled}
              value={img.alt}
              onChange={(e) => setImage(i, { alt: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove image ${i + 1}`}
              disabled={disabled}
              onClick={() =>
                set(
                  'images',
                  value.images.filter((_, j) => j !== i),
                )
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={disabled}
            onClick={() => set('images', [...value.images, { url: '', alt: '' }])}
          >
            Add image
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}
