using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>The caller the president chose, and their client's most recent transactions to pick the call's subject from.</summary>
public static class StartGuaranteeCall
{
    public const int RecentTransactions = 10;

    public sealed record Query(Guid ContactId) : IQuery<Model>;

    public sealed record Model(Guid ContactId, string Contact, string? Email, Guid ClientId, string Client, IReadOnlyList<Choice> Transactions);

    /// <summary>A recent transaction; <paramref name="OpenInvocationId"/> is set when the guarantee is already invoked on it.</summary>
    public sealed record Choice(Guid Id, DateTimeOffset OccurredAt, string ServiceLine, string Reference, string? Contact,
        decimal InvoicedAmount, string Currency, Guid? OpenInvocationId);

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var caller = await (
                from k in db.Contacts.AsNoTracking()
                where k.Id == query.ContactId
                join c in db.Clients on k.ClientId equals c.Id
                select new { ContactId = k.Id, Contact = k.Name, k.Email, ClientId = c.Id, Client = c.Name })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The contact");
            var transactions = await (
                from t in db.Transactions.AsNoTracking()
                where t.ClientId == caller.ClientId
                orderby t.OccurredAt descending
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                join k in db.Contacts on t.ContactId equals k.Id
                select new Choice(t.Id, t.OccurredAt, s.Name, t.ExternalReference, k.Name, t.InvoicedAmount, t.Currency, null))
                .Take(RecentTransactions)
                .ToListAsync(cancellationToken);
            var ids = transactions.Select(t => t.Id).ToList();
            var open = await db.GuaranteeInvocations.AsNoTracking()
                .Where(g => g.TransactionId != null && ids.Contains(g.TransactionId.Value)).Where(GuaranteeOpener.IsOpen)
                .Select(g => new { TransactionId = g.TransactionId!.Value, g.Id })
                .ToListAsync(cancellationToken);
            return new Model(caller.ContactId, caller.Contact, caller.Email, caller.ClientId, caller.Client,
                transactions.Select(t => t with { OpenInvocationId = open.FirstOrDefault(o => o.TransactionId == t.Id)?.Id }).ToList());
        }
    }
}
