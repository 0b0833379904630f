/**
 * Functions run inside the page by page.evaluate / addInitScript. Playwright sends
 * their source text, so each is self-contained; the page's globals are typed here
 * by hand because the Node-side tsconfig has no DOM library.
 */

interface ProbeElement {
  textContent: string | null;
}

interface ProbeDocument {
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void;
  createElement(tag: 'script'): ProbeElement;
  readonly head: { append(node: ProbeElement): void };
}

export interface PageScope {
  readonly document: ProbeDocument;
  setTimeout(code: string, delay: number): unknown;
  open(url: string): unknown;
  [name: string]: unknown;
}

export interface TiepdonOnPage {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ScriptPolicyOutcome {
  ran: string[];
  violations: string[];
}

/**
 * Tries an inline <script> and a string passed to setTimeout (an eval), as the page
 * itself would: page.evaluate's own code is exempt from CSP, what it schedules is not.
 * Settles when both probes have answered, by running or by a CSP violation.
 */
export function probeScriptPolicy(): Promise<ScriptPolicyOutcome> {
  return new Promise((resolve) => {
    const scope = globalThis as unknown as PageScope;
    const ran: string[] = [];
    const violations: string[] = [];
    const settle = () => {
      if (ran.length + violations.length >= 2) resolve({ ran: [...ran].sort(), violations: [...violations].sort() });
    };
    scope.__probeRan = (what: string) => {
      ran.push(what);
      settle();
    };
    scope.document.addEventListener('securitypolicyviolation', (event) => {
      if (event.violatedDirective.startsWith('script-src')) violations.push(event.violatedDirective);
      settle();
    });
    const inline = scope.document.createElement('script');
    inline.textContent = 'window.__probeRan("inline")';
    scope.document.head.append(inline);
    scope.setTimeout('window.__probeRan("eval")', 0);
  });
}
