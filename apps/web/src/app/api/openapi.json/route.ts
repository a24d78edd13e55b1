import { buildOpenApi } from '@agent-studio/core/api';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildOpenApi('0.1.0'));
}
