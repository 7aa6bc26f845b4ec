using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.People;

namespace ServiceExcellence.Web.Pages.Admin.People;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ListPeople.Row> People { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        People = await mediator.Send(new ListPeople.Query(Search, Page: PageNumber), cancellationToken);
}
