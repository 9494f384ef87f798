package web

import (
	"sync"
	"time"
)

// loginLimiter slows password guessing down without handing a guesser
// the power to lock the real user out.
//
// It keeps failed logins per pair of account (e-mail address) and client
// address, and per client address. The first failures of a pair are
// free; after them, each attempt must wait a back-off that doubles with
// every further failure (2 s, 4 s, 8 s, ... up to 15 minutes). An attempt
// refused because it came too early costs the server nothing and does not
// count, so hammering an account does not extend its block, and the
// real user, whose correct password ends the pair's block, gets in once
// the current back-off has passed. A guesser at another address does not
// slow the real user at all; the per-address count (20 free failures,
// then the same back-off) stops one address from spraying guesses over
// many accounts. The beheerder can lift an account's block (lift).
//
// Attempts are reserved before the password is compared: N parallel
// guesses cannot all pass the check before the first failure is
// recorded, and once past the free failures only one attempt of a pair
// or address is in flight at a time.
//
// The state is in memory: a restart forgets it, which errs on the side
// of the real user. It is bounded: pairs and addresses without a failure
// for a day are forgotten, and when the tables grow large every entry
// that blocks nothing is dropped.
type loginLimiter struct {
	mu    sync.Mutex
	now   func() time.Time
	pairs map[pairKey]*backoff
	ips   map[string]*backoff
	swept time.Time
}

type pairKey struct{ email, ip string }

// backoff is the failure count of a pair or an address.
type backoff struct {
	failures int
	inflight int
	until    time.Time // no attempt before this
	last     time.Time // the last failure
}

// The limits.
const (
	freePerPair = 5
	freePerIP   = 20
	firstDelay  = 2 * time.Second
	maxDelay    = 15 * time.Minute
	forgetAfter = 24 * time.Hour
	// maxEntries makes the limiter drop entries that block nothing.
	maxEntries = 50_000
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, pairs: map[pairKey]*backoff{}, ips: map[string]*backoff{}}
}

// admit says whether b allows an attempt now, and if not how long to wait.
func (b *backoff) admit(now time.Time, free int) (time.Duration, bool) {
	if b == nil {
		return 0, true
	}
	if b.inflight == 0 && b.failures > 0 && now.Sub(b.last) > forgetAfter {
		b.failures = 0
	}
	switch {
	case b.failures+b.inflight < free:
		return 0, true
	case b.inflight > 0:
		return firstDelay, false
	case now.Before(b.until):
		return b.until.Sub(now), false
	}
	return 0, true
}

func (b *backoff) fail(now time.Time, free int) {
	b.inflight--
	b.failures++
	b.last = now
	if b.failures >= free {
		d := firstDelay << min(b.failures-free, 20)
		b.until = now.Add(min(d, maxDelay))
	}
}

// idle reports whether b blocks nothing now and can be dropped.
func (b *backoff) idle(now time.Time) bool {
	return b.inflight == 0 && !now.Before(b.until) && (b.failures == 0 || now.Sub(b.last) > forgetAfter)
}

// begin reserves a login attempt for email from ip. It returns false and
// the time to wait when the attempt must not be made; otherwise the
// caller must report the outcome with end.
func (l *loginLimiter) begin(ip, email string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	k := pairKey{email, ip}
	wp, okp := l.pairs[k].admit(now, freePerPair)
	wi, oki := l.ips[ip].admit(now, freePerIP)
	if !okp || !oki {
		return max(wp, wi), false
	}
	entryOf(l.pairs, k).inflight++
	entryOf(l.ips, ip).inflight++
	return 0, true
}

func entryOf[K comparable](m map[K]*backoff, k K) *backoff {
	b := m[k]
	if b == nil {
		b = &backoff{}
		m[k] = b
	}
	return b
}

// outcome is how a reserved attempt ended.
type outcome uint8

const (
	loginFailed    outcome = iota // wrong address or password
	loginSucceeded                // the pair's failures are forgotten
	loginNeutral                  // neither (a deactivated account, an internal error)
)

// end reports the outcome of an attempt begin admitted. It returns
// whether the failure started (or extended) a block of the pair, which
// the audit log records once rather than for every refused attempt.
func (l *loginLimiter) end(ip, email string, o outcome) (blocked bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	k := pairKey{email, ip}
	p, a := entryOf(l.pairs, k), entryOf(l.ips, ip)
	switch o {
	case loginFailed:
		p.fail(now, freePerPair)
		a.fail(now, freePerIP)
		blocked = p.failures >= freePerPair
	case loginSucceeded:
		delete(l.pairs, k)
		a.inflight--
	default:
		p.inflight--
		a.inflight--
	}
	if p.idle(now) {
		delete(l.pairs, k)
	}
	if a.idle(now) {
		delete(l.ips, ip)
	}
	return blocked
}

// lift forgets the failures of an account from every address, and the
// per-address counts of those addresses, so that the real user gets in
// even from the address the guesses came from; it returns how many
// addresses it had blocked or counted.
func (l *loginLimiter) lift(email string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k, b := range l.pairs {
		if k.email == email && b.inflight == 0 {
			delete(l.pairs, k)
			if a := l.ips[k.ip]; a != nil && a.inflight == 0 {
				delete(l.ips, k.ip)
			}
			n++
		}
	}
	return n
}

// blocked says until when the account is blocked from at least one
// address (zero: not blocked) and its failures from all addresses.
func (l *loginLimiter) blocked(email string) (until time.Time, failures int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for k, b := range l.pairs {
		if k.email != email {
			continue
		}
		failures += b.failures
		if b.until.After(now) && b.until.After(until) {
			until = b.until
		}
	}
	return until, failures
}

// sweep drops forgotten entries every few minutes, and every idle entry
// when the tables are large.
func (l *loginLimiter) sweep(now time.Time) {
	if now.Sub(l.swept) < 5*time.Minute && len(l.pairs)+len(l.ips) < maxEntries {
		return
	}
	l.swept = now
	for k, b := range l.pairs {
		if b.idle(now) || len(l.pairs) >= maxEntries && b.inflight == 0 && !now.Before(b.until) {
			delete(l.pairs, k)
		}
	}
	for k, b := range l.ips {
		if b.idle(now) || len(l.ips) >= maxEntries && b.inflight == 0 && !now.Before(b.until) {
			delete(l.ips, k)
		}
	}
}
