using System.Threading.RateLimiting;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// Counts unknown, expired or tampered survey links per client address; past the limit the address gets
/// 429 for the rest of the window, so guessing links is hopeless. State is per instance (documented in
/// docs/operations.md): an attacker spread over N instances gets N times the budget, still far below
/// anything that could find a 256-bit token.
/// </summary>
public sealed class BadTokenThrottle : IDisposable
{
    public const int PermitLimit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PermitLimit,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>True when the address has used up its bad links for this window.</summary>
    public bool IsBlocked(HttpContext context) =>
        _limiter.GetStatistics(AddressOf(context))?.CurrentAvailablePermits == 0;

    /// <summary>Counts one bad link; false when that was one too many.</summary>
    public bool RecordBadToken(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(AddressOf(context));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
