/** Where the watch page says the player lives; the version segment changes when YouTube ships a player. */
export const PLAYER_PATH = '/s/player/5im00001/player_ias.vflset/en_US/base.js'
export const SIGNATURE_TIMESTAMP = 20110

/**
 * A minimal player `base.js`. ytdl-core reads `signatureTimestamp` from it and extracts a decipher
 * function (a helper object of reverse/splice/swap plus the function calling them) and an `n`
 * transform; both must be present or it refuses the formats. Here the n transform is the identity
 * and no format is ciphered, so neither changes a URL.
 */
export const PLAYER_JS = [
  `var _yt_player={};(function(g){'use strict';var Zx="sim player;split;join".split(";");`,
  'var Xy={ab:function(a){a.reverse()},',
  'cd:function(a,b){a.splice(0,b)},',
  'ef:function(a,b){var c=a[0];a[0]=a[b%a.length];a[b%a.length]=c}};',
  'var Wq=function(a){a=a.split("");Xy.cd(a,2);Xy.ab(a,41);Xy.ef(a,17);return a.join("")};',
  'var Nq=function(a){var b=a.split(""),c=[b];c[0];try{c[0].reverse();c[0].reverse()}catch(d){return"enhanced_except_sim"+a}return b.join("")};',
  `g.config={signatureTimestamp:${SIGNATURE_TIMESTAMP},decipher:Wq,ntransform:Nq,names:Zx};})(_yt_player);`,
  '',
].join('\n')
