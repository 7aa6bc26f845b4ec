using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Application.Transactions;

namespace ServiceExcellence.Web.Pages.Transactions;

/// <summary>The transaction list. Unreadable filter values are ignored (a hand-edited link never fails).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ClientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ServiceLineId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public ListTransactions.Model List { get; private set; } = default!;

    public IReadOnlyList<Option> Clients { get; private set; } = [];

    public IReadOnlyList<Option> ServiceLines { get; private set; } = [];

    public IReadOnlyList<Option> Teams { get; private set; } = [];

    // "page" is also the route value that names the Razor Page, so the page number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        List = await mediator.Send(new ListTransactions.Query(ClientId, ServiceLineId, TeamId, From, To, Search, Sort, pageNumber), cancellationToken);
        Clients = await mediator.Send(new GetOptions.Clients(), cancellationToken);
        ServiceLines = await mediator.Send(new GetOptions.ServiceLines(), cancellationToken);
        Teams = await mediator.Send(new GetOptions.Teams(), cancellationToken);
    }

    /// <summary>The link of a column header: sorts by the column (the other way round if it already does), keeps the filters, starts at page 1.</summary>
    public string SortUrl(string column, bool descendingFirst)
    {
        var next = List.Sort == $"{column}_asc" ? $"{column}_desc"
            : List.Sort == $"{column}_desc" ? $"{column}_asc"
            : descendingFirst ? $"{column}_desc" : $"{column}_asc";
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "sort", StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("sort", next));
        return Request.Path + new QueryBuilder(query!).ToQueryString();
    }

    /// <summary>The aria-sort value of a column header, or null when the list is not sorted by it.</summary>
    public string? AriaSort(string column) =>
        List.Sort == $"{column}_asc" ? "ascending" : List.Sort == $"{column}_desc" ? "descending" : null;

    public bool IsFiltered =>
        ClientId is not null || ServiceLineId is not null || TeamId is not null || From is not null || To is not null || !string.IsNullOrWhiteSpace(Search);
}
