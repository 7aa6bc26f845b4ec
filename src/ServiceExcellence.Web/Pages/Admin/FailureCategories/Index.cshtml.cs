using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.FailureCategories;

namespace ServiceExcellence.Web.Pages.Admin.FailureCategories;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListFailureCategories.Row> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = await mediator.Send(new ListFailureCategories.Query(), cancellationToken);
}
