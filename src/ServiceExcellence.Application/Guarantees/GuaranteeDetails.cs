using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>One invocation with what the president needs to settle it: the transaction, the client's other invocations, the audit trail.</summary>
public static class GuaranteeDetails
{
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, Guid Version, bool CanAct, GuaranteeStatus Status, GuaranteeChannel Channel, DateTimeOffset CreatedAt, DateTimeOffset Now, string? LoggedBy,
        Guid ClientId, string Client, string? ClientSegment, decimal ClientRevenue,
        string? Contact, string? ContactEmail,
        Transaction? Transaction,
        decimal InvoicedAmount, string Currency, decimal ChosenAmount, string Reason,
        decimal? AgreedAmount, decimal? Credit, DateTimeOffset? SettledAt, string? PresidentNotes, DateOnly? FollowUpOn,
        Guid? AlertId, IReadOnlyList<ListGuarantees.Row> ClientHistory, IReadOnlyList<AuditRow> Audit)
    {
        public bool IsOpen => Status is GuaranteeStatus.Open or GuaranteeStatus.Agreed;
    }

    public sealed record Transaction(Guid Id, string Reference, DateTimeOffset OccurredAt, string ServiceLine, decimal InvoicedAmount, string Currency);

    public sealed record AuditRow(DateTimeOffset At, string Who, string Field, string? Before, string? After);

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var g = await db.GuaranteeInvocations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The guarantee invocation");
            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == g.ClientId, cancellationToken);
            var contact = g.ContactId is { } contactId
                ? await db.Contacts.AsNoTracking().Where(k => k.Id == contactId).Select(k => new { k.Name, k.Email }).SingleOrDefaultAsync(cancellationToken)
                : null;
            var transaction = g.TransactionId is { } transactionId
                ? await (from t in db.Transactions.AsNoTracking()
                         where t.Id == transactionId
                         join s in db.ServiceLines on t.ServiceLineId equals s.Id
                         select new Transaction(t.Id, t.ExternalReference, t.OccurredAt, s.Name, t.InvoicedAmount, t.Currency)).SingleOrDefaultAsync(cancellationToken)
                : null;
            var subject = AlertRaiser.GuaranteeSubject(g.Id);
            var alertId = await db.Alerts.AsNoTracking().Where(a => a.SubjectKey == subject).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            var history = (await ClientGuaranteeHistory.RowsAsync(db, g.ClientId, cancellationToken)).Where(r => r.Id != g.Id).ToList();

            var audit = await db.GuaranteeAudit.AsNoTracking().Where(e => e.InvocationId == g.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var actorIds = audit.Select(e => e.ActorId).Append(g.LoggedById).OfType<Guid>().Distinct().ToList();
            var names = await db.People.AsNoTracking().Where(p => actorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            string Name(Guid? id) => id is not { } value ? "the client" : names.TryGetValue(value, out var name) ? name : "someone no longer on file";

            return new Model(
                g.Id, g.Version, access.CanAct, g.Status, g.Channel, g.CreatedAt, clock.GetUtcNow(), g.LoggedById is null ? null : Name(g.LoggedById),
                client.Id, client.Name, client.Segment, client.AnnualRevenue,
                contact?.Name, contact?.Email,
                transaction,
                g.InvoicedAmount, g.Currency, g.ChosenAmount, g.Reason,
                g.AgreedAmount, g.Credit, g.SettledAt, g.PresidentNotes, g.FollowUpOn,
                alertId, history,
                audit.Select(e => new AuditRow(e.At, Name(e.ActorId), e.Field, e.Before, e.After)).ToList());
        }
    }
}
