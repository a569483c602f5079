// Share the game: the player link with a QR code for phones, the TV link, and a co-host link.
import { CopyField } from './copy-field.tsx'
import { Qr } from './qr.tsx'

export function inviteLinks(gameId: string, viewToken: string, hostToken: string) {
  const o = location.origin
  return {
    player: `${o}/trivia/${gameId}`,
    tv: `${o}/trivia/${gameId}/tv#view=${encodeURIComponent(viewToken)}`,
    host: `${o}/trivia/${gameId}/host#host=${encodeURIComponent(hostToken)}`,
  }
}

export function Invite({ gameId, viewToken, hostToken }: { gameId: string; viewToken: string; hostToken: string }) {
  const links = inviteLinks(gameId, viewToken, hostToken)
  return (
    <section class="card stack" aria-labelledby="invite-h" data-testid="invite">
      <h2 id="invite-h">Invite</h2>
      <div class="share">
        <div class="qr">
          <Qr text={links.player} label="QR code of the player link" />
        </div>
        <p class="muted" style="margin:0">
          Players scan this with their phone camera, or open the player link.
        </p>
      </div>
      <CopyField label="Player link" value={links.player} testId="player-link" />
      <CopyField label="TV screen (read-only)" value={links.tv} testId="tv-link" />
      <div class="row">
        <a class="btn small" href={links.tv} target="_blank" rel="noopener">
          Open the TV screen ↗
        </a>
      </div>
      <details>
        <summary class="small muted">Co-host link (keep it secret)</summary>
        <CopyField label="Host console on another device" value={links.host} />
      </details>
    </section>
  )
}
