"""Label test data without a database: DTO-shaped records as the services return them."""

from datetime import UTC, date, datetime
from decimal import Decimal

from erp_desktop.domain.stock import Category, Quality, Unit
from erp_desktop.services.production.dto import PartDTO, PartStatus
from erp_desktop.services.stock.dto import LotDTO, ProductDTO, WarehouseDTO

STEEL = ProductDTO(7, "ST-40X-D40", "40X steel round bar", Unit.KG, Category.METAL, "40X", "d40", Decimal("50.000"),
                   True, 1)
LOT = LotDTO(123, 7, "ST-40X-D40", "40X steel round bar", Unit.KG, 2, "Main store", "HEAT-2231",
             datetime(2026, 3, 1, 9, 0, tzinfo=UTC), Decimal("125.500"), Decimal("125.500"), Decimal("0.000"),
             Decimal("81.5000"), Quality.APPROVED, "CERT-5531", 1, "Steel Trade LLC", None)
WAREHOUSE = WarehouseDTO(3, "A-01-02", "Rack A, shelf 2", True, 1)
PART = PartDTO(45, "DRW-1001", "Shaft", "Uralmash", 120, 0, Decimal("0"), date(2026, 6, 30), 1, PartStatus.PLANNED,
               False, False, (), 1, datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
