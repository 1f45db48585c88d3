/** Moving through what is left and getting it reviewed: Next/Previous Field, Tab through a table row, placeholder selection, the gaps per section, Mark Ready for Review. */
import {
  cellStepRequest,
  gapSectionsRequest,
  gapStepRequest,
  placeholderAtRequest,
  readinessRequest,
  type CellStepParams,
  type GapSectionsParams,
  type GapSectionsResult,
  type GapStepParams,
  type GapStepResult,
  type PlaceholderAtParams,
  type ReadinessParams,
  type ReadinessResult,
} from '../../../common/protocol';
import type { ServerContext } from '../context';
import { guarded } from '../guarded';

export function registerProgress(context: ServerContext): void {
  const { connection } = context;
  const logError = context.logError.bind(context);

  connection.onRequest(
    gapStepRequest,
    guarded('Next field', logError, async (params: GapStepParams): Promise<GapStepResult> => {
      const read = await context.postmortem(params.uri);
      return read ? context.service().gapStep(read.analysis, params.selection, params.direction === 'previous' ? 'previous' : 'next') : null;
    }),
  );

  connection.onRequest(
    cellStepRequest,
    guarded('Next cell', logError, async (params: CellStepParams) => {
      const read = await context.postmortem(params.uri);
      return read ? context.service().cellStep(read.analysis, params.position, params.direction === 'previous' ? 'previous' : 'next') : null;
    }),
  );

  connection.onRequest(
    placeholderAtRequest,
    guarded('Placeholder', logError, async (params: PlaceholderAtParams) => {
      const read = await context.postmortem(params.uri);
      return read ? context.service().placeholderAt(read.analysis, params.position) : null;
    }),
  );

  connection.onSelectionRanges(
    guarded('Selection ranges', logError, async (params) => {
      const read = await context.postmortem(params.textDocument.uri);
      return read ? context.service().selectionRanges(read.analysis, params.positions) : null;
    }),
  );

  connection.onRequest(
    gapSectionsRequest,
    guarded('Gaps per section', logError, async (params: GapSectionsParams): Promise<GapSectionsResult> => {
      const read = await context.postmortem(params.uri);
      return read ? context.service().gapSections(read.analysis, context.shown(read)) : null;
    }),
  );

  connection.onRequest(
    readinessRequest,
    guarded('Ready for review', logError, async (params: ReadinessParams): Promise<ReadinessResult> => {
      const read = await context.postmortem(params.uri);
      const readiness = read && context.service().readiness(read.analysis, { levels: read.settings.rules });
      return readiness ? { ...readiness, version: read.document.version } : null;
    }),
  );
}
