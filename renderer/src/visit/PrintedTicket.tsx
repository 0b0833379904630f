import { useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { TicketBlock } from '../../../domain/checkin/index.ts';
import { TicketView } from './TicketView.tsx';

const PRINT_ROOT_ID = 'print-root';
const MM_PER_CSS_PX = 25.4 / 96;
/** A thermal roll is 80 mm wide; the page is as tall as the ticket, so the printer feeds one ticket and cuts. */
const ROLL_WIDTH_MM = 80;

/**
 * The ticket's copy for the printer, outside the app's tree (the print
 * stylesheet removes everything but it), with the page sized to it: 80 mm
 * wide and exactly as tall as the ticket, so one ticket prints on one page.
 */
export function PrintedTicket({ blocks, queueNumber }: { blocks: readonly TicketBlock[]; queueNumber: string }) {
  const ticket = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ticket.current;
    if (!element) return;
    const heightMm = Math.ceil(element.getBoundingClientRect().height * MM_PER_CSS_PX) + 1;
    return setPrintPageSize(ROLL_WIDTH_MM, heightMm);
  }, [blocks]);
  const root = printRoot();
  return createPortal(
    <div ref={ticket} className="print-ticket" data-testid="print-ticket">
      <TicketView blocks={blocks} queueNumber={queueNumber} forPrint />
    </div>,
    root,
  );
}

function printRoot(): HTMLElement {
  const existing = document.getElementById(PRINT_ROOT_ID);
  if (existing) return existing;
  const created = document.createElement('div');
  created.id = PRINT_ROOT_ID;
  created.setAttribute('aria-hidden', 'true');
  document.body.append(created);
  return created;
}

/**
 * Sets `@page` for printing through a constructed stylesheet (the CSP allows
 * no inline style); returns a function that takes it away again.
 */
let printedPage: { widthMm: number; heightMm: number } | undefined;

/** The page the ticket on screen prints on, for a silent print (which does not read @page). */
export function ticketPage(): { widthMm: number; heightMm: number } | undefined {
  return printedPage;
}

function setPrintPageSize(widthMm: number, heightMm: number): () => void {
  const page = { widthMm, heightMm };
  printedPage = page;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@media print { @page { size: ${widthMm}mm ${heightMm}mm; margin: 0; } }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    if (printedPage === page) printedPage = undefined;
  };
}
