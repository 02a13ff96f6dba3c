import { NotFoundMessage } from "../../components/NotFound.tsx";

export default function NotFound() {
  return <NotFoundMessage />;
}
