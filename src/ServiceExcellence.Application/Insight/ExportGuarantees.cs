using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Insight;

/// <summary>The guarantee invocations made in a scope and range as CSV, oldest first, streamed from the database.</summary>
public static class ExportGuarantees
{
    public sealed record Query(ScopeKind Scope, Guid? Id = null, DateOnly? From = null, DateOnly? To = null) : IQuery<Csv.Export>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => InsightRange.Validate(this, q => q.From, q => q.To, clock);
    }

    public sealed class Handler(IAppDbContext db, InsightAccess access, TimeProvider clock) : IQueryHandler<Query, Csv.Export>
    {
        public async ValueTask<Csv.Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await access.ResolveAsync(query.Scope, query.Id, cancellationToken);
            var range = InsightRange.Of(query.From, query.To, clock);
            var rows = db.GuaranteeInvocations.AsNoTracking().InScope(db, scope)
                .Where(g => g.CreatedAt >= range.Start && g.CreatedAt < range.End)
                .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
                .Select(g => new
                {
                    g.CreatedAt,
                    g.Channel,
                    g.Status,
                    g.InvoicedAmount,
                    g.ChosenAmount,
                    g.AgreedAmount,
                    g.Currency,
                    g.SettledAt,
                    g.Reason,
                    Client = db.Clients.Where(c => c.Id == g.ClientId).Select(c => c.Name).FirstOrDefault(),
                })
                .AsAsyncEnumerable()
                .Select(g => new[]
                {
                    Csv.Instant(g.CreatedAt), Csv.Text(g.Client), g.Channel.ToString(), g.Status.ToString(), Csv.Number(g.InvoicedAmount),
                    Csv.Number(g.ChosenAmount), Csv.Number(g.AgreedAmount), Csv.Number(g.AgreedAmount is { } agreed ? g.InvoicedAmount - agreed : null),
                    g.Currency, Csv.Instant(g.SettledAt), Csv.Text(g.Reason),
                });
            return new Csv.Export(range.CsvFileName("guarantees", scope),
                ["Invoked (UTC)", "Client", "Channel", "Status", "Invoiced", "Would pay", "Agreed", "Credit", "Currency", "Settled (UTC)", "Reason"],
                rows);
        }
    }
}
