// Vite lets the app import CSS files (Mantine's styles) for their side effect.
declare module '*.css';
