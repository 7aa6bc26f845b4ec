using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Application.Transactions;

/// <summary>The transaction list: filtered, sorted by one of a fixed set of orders, 25 to a page.</summary>
public static class ListTransactions
{
    public const string DefaultSort = "date_desc";

    /// <summary>The orders the list knows; any other <c>sort</c> value means <see cref="DefaultSort"/>.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["date_desc", "date_asc", "client_asc", "client_desc", "amount_asc", "amount_desc"];

    /// <summary>The filters; <c>From</c> and <c>To</c> are days in UTC, both included. Unknown <c>Sort</c> values sort by date.</summary>
    public sealed record Query(
        Guid? ClientId = null,
        Guid? ServiceLineId = null,
        Guid? TeamId = null,
        DateOnly? From = null,
        DateOnly? To = null,
        string? Search = null,
        string? Sort = null,
        int Page = 1,
        int PageSize = 25) : IQuery<Model>;

    /// <summary>
    /// One page of the list, the order applied (always one of <see cref="Sorts"/>), and whether an empty list
    /// means that nothing has been recorded at all rather than that nothing matches the filters.
    /// </summary>
    public sealed record Model(PagedList<Row> Transactions, string Sort, bool NothingRecordedYet);

    public sealed record Row(
        Guid Id, DateTimeOffset OccurredAt, string Client, string Contact, string ServiceLine, string? Team, string? PerformedBy,
        Channel Channel, decimal InvoicedAmount, string Currency, string ExternalReference);

    public static string NormaliseSort(string? sort) =>
        sort?.Trim().ToLowerInvariant() is { } key && Sorts.Contains(key) ? key : DefaultSort;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        private const int MaxSearchLength = 100;

        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var transactions = Filter(db.Transactions.AsNoTracking(), query);
            var joined =
                from t in transactions
                join c in db.Clients on t.ClientId equals c.Id
                join k in db.Contacts on t.ContactId equals k.Id
                join s in db.ServiceLines on t.ServiceLineId equals s.Id
                join tm in db.Teams on t.PerformedByTeamId equals (Guid?)tm.Id into teams
                from tm in teams.DefaultIfEmpty()
                join p in db.People on t.PerformedByPersonId equals (Guid?)p.Id into people
                from p in people.DefaultIfEmpty()
                select new
                {
                    t.Id,
                    t.OccurredAt,
                    Client = c.Name,
                    Contact = k.Name,
                    ServiceLine = s.Name,
                    Team = tm == null ? null : tm.Name,
                    PerformedBy = p == null ? null : p.DisplayName,
                    t.Channel,
                    t.InvoicedAmount,
                    t.Currency,
                    t.ExternalReference,
                };

            // The date and then the id break ties, so paging never shows a row twice or skips one.
            var sort = NormaliseSort(query.Sort);
            var ordered = sort switch
            {
                "date_asc" => joined.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id),
                "client_asc" => joined.OrderBy(r => r.Client).ThenByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id),
                "client_desc" => joined.OrderByDescending(r => r.Client).ThenByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id),
                "amount_asc" => joined.OrderBy(r => r.InvoicedAmount).ThenByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id),
                "amount_desc" => joined.OrderByDescending(r => r.InvoicedAmount).ThenByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id),
                _ => joined.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id),
            };
            var rows = ordered.Select(r => new Row(
                r.Id, r.OccurredAt, r.Client, r.Contact, r.ServiceLine, r.Team, r.PerformedBy, r.Channel, r.InvoicedAmount, r.Currency, r.ExternalReference));

            var page = await PagedList<Row>.CreateAsync(rows, query.Page, query.PageSize, cancellationToken);
            var nothingYet = page.TotalCount == 0 && !await db.Transactions.AnyAsync(cancellationToken);
            return new Model(page, sort, nothingYet);
        }

        private static IQueryable<Transaction> Filter(IQueryable<Transaction> transactions, Query query)
        {
            if (query.ClientId is { } clientId)
            {
                transactions = transactions.Where(t => t.ClientId == clientId);
            }

            if (query.ServiceLineId is { } serviceLineId)
            {
                transactions = transactions.Where(t => t.ServiceLineId == serviceLineId);
            }

            if (query.TeamId is { } teamId)
            {
                transactions = transactions.Where(t => t.PerformedByTeamId == teamId);
            }

            if (query.From is { } from)
            {
                var start = StartOfDay(from);
                transactions = transactions.Where(t => t.OccurredAt >= start);
            }

            // The last day counts whole: everything before the start of the next day.
            if (query.To is { } to && to < DateOnly.MaxValue)
            {
                var end = StartOfDay(to.AddDays(1));
                transactions = transactions.Where(t => t.OccurredAt < end);
            }

            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                var pattern = "%" + EscapeLike(term.Length > MaxSearchLength ? term[..MaxSearchLength] : term) + "%";
                transactions = transactions.Where(t => EF.Functions.Like(t.ExternalReference, pattern, "\\"));
            }

            return transactions;
        }

        private static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        /// <summary>What a person types is matched literally, wildcards included ('[' is one on SQL Server).</summary>
        private static string EscapeLike(string term) =>
            term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[");
    }
}
