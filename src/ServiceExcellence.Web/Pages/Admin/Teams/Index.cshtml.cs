using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Teams;

namespace ServiceExcellence.Web.Pages.Admin.Teams;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ListTeams.Row> Teams { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Teams = await mediator.Send(new ListTeams.Query(Search, Page: PageNumber), cancellationToken);
}
