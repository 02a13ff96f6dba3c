import NextAuth from "next-auth";
import { authOptions } from "../../../../auth/options.ts";

async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (await NextAuth(req as never, context as never, authOptions())) as Response;
}

export { handler as GET, handler as POST };
