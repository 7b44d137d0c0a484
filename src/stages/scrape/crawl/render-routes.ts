import type { Route } from 'playwright';
import type { OptionalAsset } from '../options.js';
import type { AssetCache } from './asset-cache.js';

/** The page as the crawl already fetched it: what chromium renders instead of fetching it again. */
export interface RenderDocument {
  /** The URL after redirects: the page's address, so relative links, scripts and styles resolve. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** What a page's text can depend on: its styles (display: none), its scripts, and what those scripts fetch. */
const NEEDED = new Set(['stylesheet', 'script', 'xhr', 'fetch']);

export interface RenderRoutesDeps {
  document: RenderDocument;
  assets: AssetCache;
  fetchAssets: readonly OptionalAsset[];
}

/**
 * Every request of one rendered page goes through here (page.route), so none reaches the network
 * behind the crawl's back: the first main-frame navigation is answered with the document already
 * fetched; stylesheets, scripts and XHR/fetch calls (and images, fonts, media when asked for) come
 * from the crawl's asset cache; everything else (other navigations, frames, beacons, non-GET,
 * images, fonts and media not asked for) is aborted.
 */
export const renderRoutes = (deps: RenderRoutesDeps) => {
  let served = false;
  const wanted = new Set<string>([...NEEDED, ...deps.fetchAssets]);
  return async (route: Route): Promise<void> => {
    const request = route.request();
    try {
      if (request.isNavigationRequest()) {
        if (served || request.frame().parentFrame() !== null) return await skip(route, deps);
        served = true;
        const { status, contentType, body } = deps.document;
        return await route.fulfill({ status, headers: { 'content-type': contentType }, body });
      }
      const url = request.url();
      if (request.method() !== 'GET' || !wanted.has(request.resourceType()) || !/^https?:/.test(url)) return await skip(route, deps);
      const asset = await deps.assets.get(url.replace(/#.*/, ''));
      if (typeof asset === 'string') return await route.abort(asset === 'disallowed' ? 'blockedbyclient' : 'failed');
      return await route.fulfill({ status: asset.status, headers: asset.headers, body: asset.body });
    } catch (error) {
      // The page closed (render done, timed out) while this request waited: nothing is listening.
      if (!/closed|destroyed|already handled/i.test(String(error))) throw error;
    }
  };
};

const skip = (route: Route, deps: RenderRoutesDeps): Promise<void> => {
  deps.assets.counts.skipped++;
  return route.abort('blockedbyclient');
};
