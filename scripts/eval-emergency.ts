/**
 * `npm run eval -- --emergency`: the emergency screen on an emergency set
 * (`{"q", "expect": "emergency" | "routine", "concept", "style"}` per line),
 * as aggregates per tier: how many emergencies get the full 911 reply and how
 * many at least the 911 line; how many routine look-alikes get either. Only
 * counts are printed, never a line of the set, so a held-out set stays held out.
 */
import { readFile } from 'node:fs/promises';
import { screenEmergency } from '../understanding/emergency/index.js';

interface EmergencyRow {
  readonly q: string;
  readonly expect: 'emergency' | 'routine';
  readonly concept?: string;
  readonly style?: string;
}

export interface EmergencyFigures {
  readonly emergencies: number;
  /** Emergencies that got the full 911 reply. */
  readonly clear: number;
  /** Emergencies that got at least the 911 line (the reply or the line). */
  readonly atLeastLine: number;
  readonly routine: number;
  /** Routine messages that got the full 911 reply. */
  readonly routineClear: number;
  /** Routine messages that got the 911 line or the reply. */
  readonly routineAny: number;
  /** CPU time per message, in milliseconds. */
  readonly cpuMsPerMessage: number;
}

export function emergencyFigures(rows: readonly EmergencyRow[]): EmergencyFigures {
  let clear = 0;
  let atLeastLine = 0;
  let routineClear = 0;
  let routineAny = 0;
  const start = process.cpuUsage();
  for (const row of rows) {
    const { tier } = screenEmergency(row.q);
    const flagged = tier !== 'none';
    if (row.expect === 'emergency') {
      if (tier === 'clear') clear += 1;
      if (flagged) atLeastLine += 1;
    } else {
      if (tier === 'clear') routineClear += 1;
      if (flagged) routineAny += 1;
    }
  }
  const used = process.cpuUsage(start);
  const emergencies = rows.filter((r) => r.expect === 'emergency').length;
  return {
    emergencies,
    clear,
    atLeastLine,
    routine: rows.length - emergencies,
    routineClear,
    routineAny,
    cpuMsPerMessage: (used.user + used.system) / 1000 / Math.max(1, rows.length),
  };
}

const pct = (part: number, whole: number): string =>
  `${whole === 0 ? '-' : ((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;

/** Prints the figures of one emergency set. */
export async function reportEmergencies(file: string): Promise<EmergencyFigures> {
  const rows = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EmergencyRow);
  const f = emergencyFigures(rows);
  console.log(`\n${file.split('/').pop()} (emergency screen)`);
  console.log(`  emergencies, full 911 reply      ${pct(f.clear, f.emergencies)}`);
  console.log(`  emergencies, at least 911 line   ${pct(f.atLeastLine, f.emergencies)}`);
  console.log(`  routine, full 911 reply          ${pct(f.routineClear, f.routine)}`);
  console.log(`  routine, 911 line or reply       ${pct(f.routineAny, f.routine)}`);
  console.log(`  CPU per message                  ${f.cpuMsPerMessage.toFixed(3)} ms`);
  return f;
}
