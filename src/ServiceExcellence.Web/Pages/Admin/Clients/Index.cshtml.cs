using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Clients;
using ServiceExcellence.Application.Common.Models;

namespace ServiceExcellence.Web.Pages.Admin.Clients;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public PagedList<ListClients.Row> Clients { get; private set; } = default!;

    // "page" is also the route value that names the Razor Page, so the page number is read from the query string only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default) =>
        Clients = await mediator.Send(new ListClients.Query(Search, Page: pageNumber), cancellationToken);
}
