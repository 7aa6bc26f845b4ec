using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.ServiceLines;

namespace ServiceExcellence.Web.Pages.Admin.ServiceLines;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ListServiceLines.Row> ServiceLines { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        ServiceLines = await mediator.Send(new ListServiceLines.Query(Search, Page: PageNumber), cancellationToken);
}
