using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceExcellence.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AlertRoutesStatusCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AlertRoutes_TeamId_AlertId",
                table: "AlertRoutes");

            migrationBuilder.AddColumn<string>(
                name: "AlertStatus",
                table: "AlertRoutes",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Each route takes its alert's status.
            migrationBuilder.Sql("UPDATE AlertRoutes SET AlertStatus = (SELECT a.Status FROM Alerts a WHERE a.Id = AlertRoutes.AlertId)");

            migrationBuilder.CreateIndex(
                name: "IX_AlertRoutes_TeamId_AlertStatus_AlertId",
                table: "AlertRoutes",
                columns: new[] { "TeamId", "AlertStatus", "AlertId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AlertRoutes_TeamId_AlertStatus_AlertId",
                table: "AlertRoutes");

            migrationBuilder.DropColumn(
                name: "AlertStatus",
                table: "AlertRoutes");

            migrationBuilder.CreateIndex(
                name: "IX_AlertRoutes_TeamId_AlertId",
                table: "AlertRoutes",
                columns: new[] { "TeamId", "AlertId" });
        }
    }
}
