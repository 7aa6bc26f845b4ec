using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Integrations;

/// <summary>
/// Sends <see cref="PostTransactions"/> in a scope of its own and, when a concurrent request stored one of
/// the same references first (the unique index on source and reference refuses the second insert), sends it
/// again: the second look finds that transaction and answers "existing" or "conflict" instead of failing.
/// </summary>
public sealed class TransactionPoster(IServiceScopeFactory scopes, ILogger<TransactionPoster> logger)
{
    private const int Attempts = 3;

    public async Task<IReadOnlyList<IngestResult>> PostAsync(string sourceSystem, IReadOnlyList<TransactionInput> items, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            try
            {
                return await mediator.Send(new PostTransactions.Command(sourceSystem, items), cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && DatabaseErrors.IsUniqueViolation(ex))
            {
                logger.LogInformation("A concurrent request recorded one of the same references first; checking the batch of {Count} again", items.Count);
            }
        }
    }
}
