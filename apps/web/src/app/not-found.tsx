import { NotFoundMessage } from "../components/NotFound.tsx";

export default function NotFound() {
  return (
    <main className="page">
      <NotFoundMessage />
    </main>
  );
}
