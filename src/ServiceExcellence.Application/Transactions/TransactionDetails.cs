using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Transactions;

public static class TransactionDetails
{
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string SourceSystem, string ExternalReference, DateTimeOffset OccurredAt, Channel Channel,
        decimal InvoicedAmount, string Currency, Guid ClientId, string Client, string Contact, string? ContactEmail,
        Guid ServiceLineId, string ServiceLine, Guid? TeamId, string? Team, string? PerformedBy)
    {
        public bool IsManual => SourceSystem == Transaction.ManualSource;
    }

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var model = await db.Transactions.AsNoTracking()
                .Where(t => t.Id == query.Id)
                .Select(t => new Model(
                    t.Id,
                    t.SourceSystem,
                    t.ExternalReference,
                    t.OccurredAt,
                    t.Channel,
                    t.InvoicedAmount,
                    t.Currency,
                    t.ClientId,
                    db.Clients.Where(c => c.Id == t.ClientId).Select(c => c.Name).First(),
                    db.Contacts.Where(k => k.Id == t.ContactId).Select(k => k.Name).First(),
                    db.Contacts.Where(k => k.Id == t.ContactId).Select(k => k.Email).First(),
                    t.ServiceLineId,
                    db.ServiceLines.Where(s => s.Id == t.ServiceLineId).Select(s => s.Name).First(),
                    t.PerformedByTeamId,
                    db.Teams.Where(m => m.Id == t.PerformedByTeamId).Select(m => m.Name).FirstOrDefault(),
                    db.People.Where(p => p.Id == t.PerformedByPersonId).Select(p => p.DisplayName).FirstOrDefault()))
                .SingleOrDefaultAsync(cancellationToken);
            return model ?? throw new NotFoundException("The transaction");
        }
    }
}
