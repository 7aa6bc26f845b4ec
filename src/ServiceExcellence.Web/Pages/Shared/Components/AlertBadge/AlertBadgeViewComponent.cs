using Mediator;
using Microsoft.AspNetCore.Mvc;
using ServiceExcellence.Application.Alerts;

namespace ServiceExcellence.Web.Pages.Shared.Components.AlertBadge;

/// <summary>The counts beside "Alerts" in the navigation.</summary>
public sealed class AlertBadgeViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await mediator.Send(new CountOpenAlerts.Query(), HttpContext.RequestAborted));
}
