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

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ListClients.Row> Clients { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Clients = await mediator.Send(new ListClients.Query(Search, Page: PageNumber), cancellationToken);
}
