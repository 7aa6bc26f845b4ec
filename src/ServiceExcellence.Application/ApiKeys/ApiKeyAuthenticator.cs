using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Integrations;

namespace ServiceExcellence.Application.ApiKeys;

/// <summary>The key an API request was made with.</summary>
public sealed record ApiCaller(Guid KeyId, string Name, string SourceSystem);

/// <summary>
/// Finds the active key a request presents, by hash. The key's last-used time is written at most once a
/// minute per key, with a conditional UPDATE, so busy integrations do not turn every read into a write.
/// </summary>
public sealed class ApiKeyAuthenticator(IAppDbContext db, TimeProvider clock)
{
    public async Task<ApiCaller?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200 || !presented.StartsWith(ApiKeyValues.Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = ApiKeyValues.HashOf(presented.Trim());
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.SourceSystem, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var staleBefore = now - ApiKey.LastUsedPrecision;
        if (key.LastUsedAt is null || key.LastUsedAt < staleBefore)
        {
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiCaller(key.Id, key.Name, key.SourceSystem);
    }
}
