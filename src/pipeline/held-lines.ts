/** Where a line goes: a file being written (AtomicLineFile). */
export interface LineSink {
  writeLine(line: string): void;
}

/** A place held in the line order (HeldLines.hold). */
export interface HeldPlace {
  /** Lines written from now until release go to this place. */
  enter(): void;
  /** Nothing more comes for this place: what follows it can be written once it is. */
  release(): void;
}

interface Segment {
  entries: (string | Segment)[];
  held: boolean;
}

/**
 * Writes lines in the order of the places they were written at, not of the moment. A stage that
 * reads ahead (batchedAhead) holds a place for each record as it reads it, and enters that place
 * while it decides the record and hands it on; so its drops, and those of the stages after it, land
 * where they would have if every record went through the stages one at a time, and the lines the
 * stages before it wrote while it read ahead stay behind them. rejected.jsonl is then the same for
 * any read-ahead and any number of workers. Places nest (a place can be held inside an entered one,
 * when two stages read ahead), and enter/release nest as the stages' generators do. Lines are kept
 * in memory only while a place before them is held: the read-ahead's worth.
 */
export class HeldLines implements LineSink {
  private readonly root: Segment = { entries: [], held: false };
  private cursor: Segment = this.root;

  constructor(private readonly sink: LineSink) {}

  writeLine(line: string): void {
    if (this.cursor === this.root && this.root.entries.length === 0) return this.sink.writeLine(line);
    this.cursor.entries.push(line);
    this.flush();
  }

  /** Holds the place after everything written so far at the current place. */
  hold(): HeldPlace {
    const segment: Segment = { entries: [], held: true };
    this.cursor.entries.push(segment);
    let outer: Segment | undefined;
    return {
      enter: () => {
        outer = this.cursor;
        this.cursor = segment;
      },
      release: () => {
        if (outer !== undefined && this.cursor === segment) this.cursor = outer;
        outer = undefined;
        segment.held = false;
        this.flush();
      },
    };
  }

  /** Writes every line that no held place precedes. */
  private flush(): void {
    this.drain(this.root);
  }

  /** Writes what it can of `segment`; true when it is done (released and all written). */
  private drain(segment: Segment): boolean {
    while (segment.entries.length > 0) {
      const first = segment.entries[0]!;
      if (typeof first === 'string') this.sink.writeLine(first);
      else if (!this.drain(first)) return false;
      segment.entries.shift();
    }
    return !segment.held;
  }
}
