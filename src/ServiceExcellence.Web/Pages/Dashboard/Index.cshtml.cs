using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Insight;

namespace ServiceExcellence.Web.Pages.Dashboard;

/// <summary>The dashboards the signed-in person may open: the company (president, administrators), their teams, and those teams' clients and service lines.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public ListDashboards.Model Dashboards { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Dashboards = await mediator.Send(new ListDashboards.Query(), cancellationToken);
}
