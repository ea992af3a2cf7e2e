'use strict';
/** The latency-versus-load chart: p50 and p99 against the offered rate, gateway and direct, log-scale latency. */

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

function latencyChartSvg(curve) {
  const W = 760;
  const H = 440;
  const m = { left: 70, right: 190, top: 50, bottom: 60 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const points = curve.points.filter((p) => p.gateway && p.direct);
  const xs = points.map((p) => p.rate);
  const ys = points.flatMap((p) => [p.gateway.p50, p.gateway.p99, p.direct.p50, p.direct.p99]).filter((v) => v > 0);
  const xMax = Math.max(...xs) * 1.05;
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...ys))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...ys))));
  const x = (v) => m.left + (v / xMax) * pw;
  const y = (v) => m.top + ph - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * ph;
  const series = [
    { label: 'gateway p99', get: (p) => p.gateway.p99, color: '#c0392b', dash: '' },
    { label: 'gateway p50', get: (p) => p.gateway.p50, color: '#e67e22', dash: '' },
    { label: 'direct p99', get: (p) => p.direct.p99, color: '#2c3e50', dash: '6 4' },
    { label: 'direct p50', get: (p) => p.direct.p50, color: '#2980b9', dash: '6 4' },
  ];
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${m.left}" y="22" font-size="15" font-weight="bold">Latency versus offered load (open loop), ${esc(curve.query)}</text>`);
  out.push(`<text x="${m.left}" y="38" fill="#555">saturation (closed loop through the gateway) = ${Math.round(curve.saturationReqPerS)} req/s; latency from the scheduled send time</text>`);
  for (let d = yMin; d <= yMax; d *= 10) {
    for (const f of [1, 2, 5]) {
      const v = d * f;
      if (v > yMax) break;
      out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${f === 1 ? '#ccc' : '#eee'}"/>`);
      out.push(`<text x="${m.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${v}</text>`);
    }
  }
  const step = Math.pow(10, Math.floor(Math.log10(xMax))) / (xMax / Math.pow(10, Math.floor(Math.log10(xMax))) < 3 ? 4 : 1);
  for (let v = 0; v <= xMax; v += step) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${m.top + ph + 18}" text-anchor="middle" fill="#555">${Math.round(v)}</text>`);
  }
  const sat = x(curve.saturationReqPerS);
  out.push(`<line x1="${sat.toFixed(1)}" x2="${sat.toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#999" stroke-dasharray="2 3"/>`);
  out.push(`<text x="${(sat - 4).toFixed(1)}" y="${m.top + 12}" text-anchor="end" fill="#777">100 %</text>`);
  const half = x(curve.saturationReqPerS / 2);
  out.push(`<line x1="${half.toFixed(1)}" x2="${half.toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#999" stroke-dasharray="2 3"/>`);
  out.push(`<text x="${(half - 4).toFixed(1)}" y="${m.top + 12}" text-anchor="end" fill="#777">50 %</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${H - 18}" text-anchor="middle">offered rate (requests/s)</text>`);
  out.push(`<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">latency (ms, log scale)</text>`);
  series.forEach((s, i) => {
    const path = points.map((p, j) => `${j ? 'L' : 'M'}${x(p.rate).toFixed(1)} ${y(s.get(p)).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of points) out.push(`<circle cx="${x(p.rate).toFixed(1)}" cy="${y(s.get(p)).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = m.top + 10 + i * 20;
    out.push(`<line x1="${m.left + pw + 15}" x2="${m.left + pw + 45}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${m.left + pw + 52}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  out.push(`<text x="${m.left + pw + 15}" y="${m.top + 100}" fill="#555">direct = population</text>`);
  out.push(`<text x="${m.left + pw + 15}" y="${m.top + 116}" fill="#555">subgraph called with a</text>`);
  out.push(`<text x="${m.left + pw + 15}" y="${m.top + 132}" fill="#555">signed internal token</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

module.exports = { latencyChartSvg };
