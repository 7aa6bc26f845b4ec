using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// What the customer sees behind the guarantee link (<c>/g/{token}</c>, the token of their survey link): what was
/// invoiced for the transaction, or the invocation they already made. Reading it changes nothing.
/// </summary>
public static class OpenGuarantee
{
    /// <summary>Null when the link is unknown, tampered with or expired (and nothing was invoked through it).</summary>
    public sealed record Query(string? Token) : IQuery<Model?>;

    public sealed record Model(
        Guid TransactionId,
        string ContactName,
        string ClientName,
        string ServiceLineName,
        DateTimeOffset OccurredAt,
        decimal InvoicedAmount,
        string Currency,
        string Language,
        Invocation? Existing);

    /// <summary>The open invocation of the transaction, shown instead of the form.</summary>
    public sealed record Invocation(DateTimeOffset InvokedAt, decimal ChosenAmount);

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitationId = await SurveyTokens.FindInvitationAsync(db, query.Token, cancellationToken);
            if (invitationId is null)
            {
                return null;
            }

            var found = await (
                from i in db.SurveyInvitations.AsNoTracking()
                where i.Id == invitationId
                join t in db.Transactions on i.TransactionId equals t.Id
                join c in db.Clients on t.ClientId equals c.Id
                join k in db.Contacts on i.ContactId equals k.Id
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                select new { i.Status, i.ExpiresAt, i.Language, TransactionId = t.Id, ContactName = k.Name, ClientName = c.Name, ServiceLineName = s.Name, t.OccurredAt, t.InvoicedAmount, t.Currency })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var existing = await db.GuaranteeInvocations.AsNoTracking()
                .Where(g => g.TransactionId == found.TransactionId).Where(GuaranteeOpener.IsOpen)
                .OrderBy(g => g.CreatedAt)
                .Select(g => new Invocation(g.CreatedAt, g.ChosenAmount))
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is null && !IsUsable(found.Status, found.ExpiresAt, clock.GetUtcNow()))
            {
                return null;
            }

            return new Model(found.TransactionId, found.ContactName, found.ClientName, found.ServiceLineName, found.OccurredAt,
                found.InvoicedAmount, found.Currency, found.Language, existing);
        }
    }

    /// <summary>The guarantee can be invoked through a survey link for as long as the link works, rated or not.</summary>
    public static bool IsUsable(InvitationStatus status, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        status is not (InvitationStatus.Suppressed or InvitationStatus.Expired) && expiresAt > now;
}
