using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Common.Behaviours;

/// <summary>
/// Runs each command in one database transaction inside the provider's execution strategy (retries on
/// transient SQL Server faults) and saves once at the end, so a command's changes — and the emails it
/// writes to the outbox — are stored together or not at all. Queries pass straight through.
/// With SQLite, commands take their turn at the <see cref="IWriterGate"/> first.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IAppDbContext db, IWriterGate gate, ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        // With SQLite the commands queue here for the single writer's turn (see IWriterGate).
        using var turn = await gate.EnterAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["TransactionId"] = transaction.TransactionId });
                var response = await next(message, ct);

                // Once the handler is done, its outcome is stored even if the caller has gone (a customer closing the
                // page, a client timing out): cancelling the save or the commit halfway only left an error in the log,
                // and a caller that retries is answered idempotently.
                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                return response;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else changed this record while you were editing it. Reload it to see their change, then make yours again.");
        }
    }
}
