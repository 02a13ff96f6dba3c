import Link from "next/link";

export function NotFoundMessage() {
  return (
    <div className="card" style={{ maxWidth: 560, margin: "3rem auto", textAlign: "center" }}>
      <h1>Not found</h1>
      <p className="muted">
        This page does not exist. It may have been deleted, or it belongs to a team you are not a member of.
      </p>
      <Link href="/" className="btn">
        Back to the dashboard
      </Link>
    </div>
  );
}
