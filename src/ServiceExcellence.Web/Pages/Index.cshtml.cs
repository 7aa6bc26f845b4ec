using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Home;

namespace ServiceExcellence.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetOverview.Model Overview { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overview = await mediator.Send(new GetOverview.Query(), cancellationToken);
}
