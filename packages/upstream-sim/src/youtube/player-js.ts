/**
 * The player script, where youtubei.js 18 looks for it (read 2026-12 in LuanRT/YouTube.js
 * src/core/Player.ts): `/iframe_api` names the player id, then
 * `/s/player/<id>/player_es6.vflset/en_US/base.js` is fetched and searched for two things.
 * - the n/sig function (`nsigMatcher`, src/utils/javascript/matchers.ts): `var X=function(a,b="",c=""){
 *   a=new g.Y(a);a.set("alr","yes");…}` returning a URL object whose prototype methods transform `n`
 *   and whose `set(sp, …)` stores the deciphered signature;
 * - `signatureTimestamp` inside an object literal of a function (`timestampMatcher`).
 * Prototype methods are written through the `g.k=g.Y.prototype;g.k.m=…` alias, as the real base.js
 * does: youtubei.js's extractor follows that alias and nothing else.
 * The transforms are trivial but not the identity, so `/videoplayback` can tell a deciphered URL from
 * one that was not ({@link playbackRefusal}).
 */
export const PLAYER_ID = '5im00001'
export const PLAYER_PATH = `/s/player/${PLAYER_ID}/player_es6.vflset/en_US/base.js`
export const SIGNATURE_TIMESTAMP = 20110

/** As the real `/iframe_api`: the widget script URL, slashes escaped, carries the player id. */
export const IFRAME_API = `var scriptUrl = 'https:\\/\\/www.youtube.com\\/s\\/player\\/${PLAYER_ID}\\/www-widgetapi.vflset\\/www-widgetapi.js';try{var ttPolicy=window.trustedTypes.createPolicy("youtube-widget-api",{createScriptURL:function(x){return x}});scriptUrl=ttPolicy.createScriptURL(scriptUrl)}catch(e){}\n`

export const PLAYER_JS = [
  `var _yt_player={};(function(g){'use strict';var window=this;`,
  'var Nq=function(a){return a.split("").reverse().join("")+"_sim"};',
  'var Xy={ab:function(a){a.reverse()},cd:function(a,b){a.splice(0,b)}};',
  'var Wq=function(a){a=a.split("");Xy.cd(a,2);Xy.ab(a,1);return a.join("")};',
  'g.Yk=function(a){this.u=a.split("?")[0];this.q={};var b=a.indexOf("?");if(b>=0)for(var c=a.slice(b+1).split("&"),d=0;d<c.length;d++){var e=c[d].split("=");this.q[e[0]]=e[1]||""}};',
  'g.k=g.Yk.prototype;g.k.set=function(a,b){this.q[a]=encodeURIComponent(b)};',
  'g.k.get=function(a){return this.q[a]};',
  'g.k.clone=function(){return new g.Yk(this.u)};',
  'g.k.nt=function(){var a=this.q.n;a&&(this.q.n=encodeURIComponent(Nq(decodeURIComponent(a))))};',
  'var Tz=function(a,b="",c=""){a=new g.Yk(a);a.set("alr","yes");c&&a.set(b||"signature",Wq(decodeURIComponent(c)));return a};',
  `var Ts=function(a){return {signatureTimestamp:${SIGNATURE_TIMESTAMP},cpn:a}};`,
  'g.Tz=Tz;g.Ts=Ts;})(_yt_player);',
  '',
].join('\n')

/** What `Nq` makes of `n`: the value a deciphered URL carries. */
export function transformN(n: string): string {
  return `${[...n].reverse().join('')}_sim`
}

/** The inverse of `Wq` (drop two, reverse): `Wq(cipherSignature(sig)) === sig`. */
export function cipherSignature(sig: string): string {
  return `xx${[...sig].reverse().join('')}`
}

/** `n` and `sig` of a format URL the simulator hands out, derived from the video id. */
export function playbackSecrets(videoId: string): { n: string; sig: string } {
  return { n: `n${videoId}`, sig: `sig.${videoId}.ok` }
}

/**
 * Why `/videoplayback` refuses a URL with 403, as YouTube does when the signature is missing or the
 * `n` parameter was not transformed; undefined when the URL was deciphered.
 */
export function playbackRefusal(query: Record<string, string | undefined>): string | undefined {
  const videoId = query.id ?? ''
  const { n, sig } = playbackSecrets(videoId)
  if (query.sig !== sig) return 'signature missing or not deciphered'
  if (query.n !== transformN(n)) return 'n parameter not transformed'
  return undefined
}
