using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.RoutingRules;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.RoutingRules;

/// <summary>How alerts are routed, the routing rules, and deleting one.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel, IHasFormOptions
{
    public IReadOnlyList<ListRoutingRules.Row> Rules { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteRoutingRule.Command(id, version), cancellationToken);
        TempData["Notice"] = "Routing rule deleted. New alerts are routed without it.";
        return RedirectToPage();
    }

    /// <summary>The list, also when a delete is refused and the page is shown with its message.</summary>
    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        Rules = await mediator.Send(new ListRoutingRules.Query(), cancellationToken);
}
