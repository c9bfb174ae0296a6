<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust after a stock count</source>
        <translation>Корректировка по результатам инвентаризации</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Скорректировать</translation>
    </message>
    <message>
        <source>Counted quantity</source>
        <translation>Фактическое количество</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Расхождение</translation>
    </message>
    <message>
        <source>required, e.g. quarterly count: 37 pcs short</source>
        <translation>обязательно, напр. квартальная инвентаризация: недостача 37 шт</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>recorded: {0}</source>
        <translation>по учёту: {0}</translation>
    </message>
    <message>
        <source>none: the count equals the recorded {0}</source>
        <translation>нет: фактическое количество совпадает с учётным {0}</translation>
    </message>
    <message>
        <source>{delta} (recorded {recorded}, counted {counted}), value {value}</source>
        <translation>{delta} (по учёту {recorded}, фактически {counted}), сумма {value}</translation>
    </message>
    <message>
        <source>Enter the quantity found by the count.</source>
        <translation>Введите количество, найденное при инвентаризации.</translation>
    </message>
    <message>
        <source>Enter the reason for the adjustment (it goes into the journal).</source>
        <translation>Укажите основание корректировки (оно попадёт в журнал).</translation>
    </message>
    <message>
        <source>Adjusted as document {number}: lot {lot} {delta}.</source>
        <translation>Скорректировано документом {number}: партия {lot} {delta}.</translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Сеансы</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Безопасность</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Ид.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <source>session</source>
        <translation>сеанс</translation>
    </message>
    <message>
        <source>sign-in</source>
        <translation>вход</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>операция</translation>
    </message>
    <message>
        <source>part</source>
        <translation>деталь</translation>
    </message>
    <message>
        <source>fact</source>
        <translation>факт</translation>
    </message>
    <message>
        <source>task</source>
        <translation>задача</translation>
    </message>
    <message>
        <source>product</source>
        <translation>номенклатура</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>склад</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>поставщик</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>партия</translation>
    </message>
    <message>
        <source>stock document</source>
        <translation>складской документ</translation>
    </message>
    <message>
        <source>reservation</source>
        <translation>резерв</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>настройки</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>организация</translation>
    </message>
    <message>
        <source>BOM</source>
        <translation>спецификация</translation>
    </message>
    <message>
        <source>purchase order</source>
        <translation>заказ поставщику</translation>
    </message>
    <message>
        <source>supplier terms</source>
        <translation>условия поставщика</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>допуск</translation>
    </message>
    <message>
        <source>purchasing settings</source>
        <translation>настройки закупок</translation>
    </message>
    <message>
        <source>created</source>
        <translation>создано</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>изменено</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>activated</source>
        <translation>включено</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>отключено</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>возобновлено</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>исправлено</translation>
    </message>
    <message>
        <source>commented</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>неудачно</translation>
    </message>
    <message>
        <source>locked out</source>
        <translation>заблокировано</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>вход</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>выход</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>завершено</translation>
    </message>
    <message>
        <source>wrong password at unlock</source>
        <translation>неверный пароль при разблокировке</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>пароль изменён</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>пароль сброшен</translation>
    </message>
    <message>
        <source>administrator created</source>
        <translation>создан администратор</translation>
    </message>
    <message>
        <source>row inserted</source>
        <translation>строка добавлена</translation>
    </message>
    <message>
        <source>row updated</source>
        <translation>строка изменена</translation>
    </message>
    <message>
        <source>row deleted</source>
        <translation>строка удалена</translation>
    </message>
    <message>
        <source>receipt</source>
        <translation>приход</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>отпуск</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>перемещение</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>корректировка</translation>
    </message>
    <message>
        <source>quality decision</source>
        <translation>решение ОТК</translation>
    </message>
    <message>
        <source>reservation released</source>
        <translation>резерв снят</translation>
    </message>
    <message>
        <source>returned from a part</source>
        <translation>возврат с детали</translation>
    </message>
    <message>
        <source>output posted</source>
        <translation>выпуск оприходован</translation>
    </message>
    <message>
        <source>returned to the supplier</source>
        <translation>возврат поставщику</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message>
        <source>started</source>
        <translation>начата</translation>
    </message>
    <message>
        <source>sent to review</source>
        <translation>отправлена на проверку</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>принята проверяющим</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>возвращена на доработку</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>изменена</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получен</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>возвращён</translation>
    </message>
    <message>
        <source>BOM set</source>
        <translation>спецификация назначена</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>разблокирован</translation>
    </message>
    <message>
        <source>demo plant loaded</source>
        <translation>загружен демо-завод</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Все пользователи</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Все записи</translation>
    </message>
    <message>
        <source>Row changes</source>
        <translation>Изменения строк</translation>
    </message>
    <message>
        <source>Also the server&apos;s own entry for every row a desktop changed, which shows changes made outside the app too (shared server only)</source>
        <translation>Также собственные записи сервера о каждой строке, изменённой с рабочего места; они показывают и изменения, сделанные в обход программы (только общий сервер)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>{0} (no such user)</source>
        <translation>{0} (нет такого пользователя)</translation>
    </message>
</context>
<context>
    <name>BoardColumn</name>
    <message>
        <source>{0}  ·  {1}</source>
        <translation>{0}  ·  {1}</translation>
    </message>
</context>
<context>
    <name>BomEditorDialog</name>
    <message>
        <source>Bill of materials</source>
        <translation>Спецификация</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Per unit</source>
        <translation>На ед.</translation>
    </message>
    <message>
        <source>Fixed per order</source>
        <translation>Постоянно на заказ</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Отход, %</translation>
    </message>
    <message>
        <source>Make/buy</source>
        <translation>Изгот./закуп.</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <source>Product made</source>
        <translation>Изготавливаемая номенклатура</translation>
    </message>
    <message>
        <source>Line {0}: scan or choose the component (Enter finds a SKU, a name or a lot number).</source>
        <translation>Строка {0}: отсканируйте или выберите компонент (Enter находит артикул, наименование или номер партии).</translation>
    </message>
</context>
<context>
    <name>BomsView</name>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Действующая</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Строк</translation>
    </message>
    <message>
        <source>Bills of materials</source>
        <translation>Спецификации</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Make/buy</source>
        <translation>Изгот./закуп.</translation>
    </message>
    <message>
        <source>Per unit</source>
        <translation>На ед.</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Постоянно</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Отход, %</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Требуется</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>BOM explosion</source>
        <translation>Разузлование спецификации</translation>
    </message>
    <message>
        <source>Where used</source>
        <translation>Применяемость</translation>
    </message>
    <message>
        <source>New BOM...</source>
        <translation>Новая спецификация...</translation>
    </message>
    <message>
        <source>Edit lines...</source>
        <translation>Изменить строки...</translation>
    </message>
    <message>
        <source>New revision</source>
        <translation>Новая редакция</translation>
    </message>
    <message>
        <source>Make active</source>
        <translation>Сделать действующей</translation>
    </message>
    <message>
        <source>Order size</source>
        <translation>Размер заказа</translation>
    </message>
    <message>
        <source>Where the chosen component is used</source>
        <translation>Где применяется выбранный компонент</translation>
    </message>
    <message>
        <source>Enter the order size as a number.</source>
        <translation>Введите размер заказа числом.</translation>
    </message>
    <message>
        <source>{sku} rev. {rev}: estimated cost {cost} ({unit} per unit)</source>
        <translation>{sku}, ред. {rev}: оценочная стоимость {cost} ({unit} за ед.)</translation>
    </message>
    <message>
        <source>no cost known for {0}</source>
        <translation>стоимость неизвестна для {0}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Текущий пароль</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Новый пароль</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>Повторите новый пароль</translation>
    </message>
    <message>
        <source>An administrator reset your password. Choose a new one to continue.</source>
        <translation>Администратор сбросил ваш пароль. Чтобы продолжить, задайте новый.</translation>
    </message>
    <message>
        <source>At least {0} characters.</source>
        <translation>Не менее {0} символов.</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Новые пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>ConfirmDiscard</name>
    <message>
        <source>Discard changes?</source>
        <translation>Отменить изменения?</translation>
    </message>
    <message>
        <source>You changed this form. Close it and lose what you entered?</source>
        <translation>Вы изменили эту форму. Закрыть её и потерять введённое?</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Database connection</source>
        <translation>Подключение к базе данных</translation>
    </message>
    <message>
        <source>Embedded database on this computer (single user, demo)</source>
        <translation>Встроенная база на этом компьютере (один пользователь, демо)</translation>
    </message>
    <message>
        <source>The plant&apos;s PostgreSQL server (shared by all desktops)</source>
        <translation>Сервер PostgreSQL завода (общий для всех рабочих мест)</translation>
    </message>
    <message>
        <source>The plant&apos;s CA certificate (.crt/.pem), for a server on the network</source>
        <translation>Сертификат ЦС завода (.crt/.pem) для сервера в сети</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>Запомнить пароль в системном хранилище паролей</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Порт</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>База данных</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Сертификат ЦС</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Проверить подключение</translation>
    </message>
    <message>
        <source>Enter the server, the database and the user.</source>
        <translation>Укажите сервер, базу данных и пользователя.</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Подключение...</translation>
    </message>
    <message>
        <source>Connected. The database is ready.</source>
        <translation>Подключено. База данных готова.</translation>
    </message>
    <message>
        <source>Connected, but the database is empty: an administrator runs &apos;erp-desktop db upgrade&apos; once.</source>
        <translation>Подключено, но база данных пуста: администратору нужно один раз выполнить «erp-desktop db upgrade».</translation>
    </message>
    <message>
        <source>Connected; schema revision {0}, this version needs {1}.</source>
        <translation>Подключено; версия схемы {0}, а этой версии программы нужна {1}.</translation>
    </message>
    <message>
        <source>No system keyring here: the password will be asked for at each start.</source>
        <translation>Системного хранилища паролей нет: пароль будет запрашиваться при каждом запуске.</translation>
    </message>
</context>
<context>
    <name>CorrectFactDialog</name>
    <message>
        <source>Correct fact: {0} {1}, {2}</source>
        <translation>Исправление факта: {0} {1}, {2}</translation>
    </message>
    <message>
        <source>The correction is recorded in the audit log with the values before and after.</source>
        <translation>Исправление записывается в журнал аудита со значениями до и после.</translation>
    </message>
</context>
<context>
    <name>EndSessionDialog</name>
    <message>
        <source>End session</source>
        <translation>Завершить сеанс</translation>
    </message>
    <message>
        <source>End the session of {0} on {1}? That desktop is signed out at its next action; what is being typed there stays until they sign in again.</source>
        <translation>Завершить сеанс пользователя {0} на компьютере {1}? Это рабочее место выйдет из программы при следующем действии; введённые там данные сохранятся до повторного входа.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Say why the session is ended (the user sees it).</source>
        <translation>Укажите, почему сеанс завершается (пользователь это увидит).</translation>
    </message>
</context>
<context>
    <name>FactForm</name>
    <message>
        <source>Type the part code</source>
        <translation>Введите код детали</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Ночь</translation>
    </message>
    <message>
        <source>No shift</source>
        <translation>Без смены</translation>
    </message>
    <message>
        <source>(no operator)</source>
        <translation>(без оператора)</translation>
    </message>
    <message>
        <source>Record fact</source>
        <translation>Записать факт</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>Сохранить исправление</translation>
    </message>
    <message>
        <source>&amp;Part</source>
        <translation>Д&amp;еталь</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>Опе&amp;ратор</translation>
    </message>
    <message>
        <source>Da&amp;te</source>
        <translation>&amp;Дата</translation>
    </message>
    <message>
        <source>&amp;Stage</source>
        <translation>&amp;Операция</translation>
    </message>
    <message>
        <source>Sh&amp;ift</source>
        <translation>С&amp;мена</translation>
    </message>
    <message>
        <source>Goo&amp;d</source>
        <translation>&amp;Годных</translation>
    </message>
    <message>
        <source>Sc&amp;rap</source>
        <translation>&amp;Брак</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>&amp;Комментарий</translation>
    </message>
    <message>
        <source>No part in work has the code &apos;{0}&apos;. Type a code from the list.</source>
        <translation>Нет детали в работе с кодом «{0}». Введите код из списка.</translation>
    </message>
    <message>
        <source>{0} is not a part traveller. Scan the traveller that goes with the job, or type the part code.</source>
        <translation>{0} — не сопроводительный ярлык детали. Отсканируйте ярлык, который идёт с заданием, или введите код детали.</translation>
    </message>
    <message>
        <source>Traveller {0} is not for a part in work (done, cancelled or another plant&apos;s).</source>
        <translation>Ярлык {0} не относится к детали в работе (готова, отменена или чужого завода).</translation>
    </message>
    <message>
        <source>Type the code of the part.</source>
        <translation>Введите код детали.</translation>
    </message>
    <message>
        <source>{0} ({1}): planned {2}; good so far {3}</source>
        <translation>{0} ({1}): план {2}; годных пока {3}</translation>
    </message>
    <message>
        <source>The date {0} is in the future; facts are recorded for work already done.</source>
        <translation>Дата {0} ещё не наступила; факты записываются за уже выполненную работу.</translation>
    </message>
    <message>
        <source>Type the code of a part in work (planned or in progress).</source>
        <translation>Введите код детали в работе (запланирована или в работе).</translation>
    </message>
    <message>
        <source>Choose the stage of the route.</source>
        <translation>Выберите операцию маршрута.</translation>
    </message>
    <message>
        <source>Recorded: {0} {1}, {2} good, {3} scrap.</source>
        <translation>Записано: {0} {1}, годных {2}, брак {3}.</translation>
    </message>
</context>
<context>
    <name>FifoOperationDialog</name>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Choose the product (scan or type its SKU).</source>
        <translation>Выберите номенклатуру (отсканируйте или введите артикул).</translation>
    </message>
    <message>
        <source>Choose the warehouse.</source>
        <translation>Выберите склад.</translation>
    </message>
    <message>
        <source>Enter the quantity.</source>
        <translation>Введите количество.</translation>
    </message>
</context>
<context>
    <name>FifoPreview</name>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lots that will be taken (oldest first)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Партии, которые будут списаны (сначала самые старые)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lots taken by {number} (oldest first)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Партии, списанные документом {number} (сначала самые старые)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Checking the lots…</source>
        <translation>Проверка партий…</translation>
    </message>
    <message>
        <source>Choose the product and the warehouse and enter the quantity to see which lots will be taken and at what cost.</source>
        <translation>Выберите номенклатуру и склад и введите количество, чтобы увидеть, какие партии будут списаны и по какой цене.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not enough stock: these lots are all that is available&lt;/b&gt;</source>
        <translation>&lt;b&gt;Недостаточно остатка: это все доступные партии&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{count} lot(s), {qty} in total, value {value} (average {avg} per {unit}). Available now: {available}.</source>
        <translation>Партий: {count}, всего {qty}, сумма {value} (в среднем {avg} за {unit}). Доступно сейчас: {available}.</translation>
    </message>
    <message>
        <source>Not enough: {available} available, {short} short.</source>
        <translation>Не хватает: доступно {available}, недостача {short}.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Mine</source>
        <translation>&amp;Мои</translation>
    </message>
    <message>
        <source>My &amp;role</source>
        <translation>Моя &amp;роль</translation>
    </message>
    <message>
        <source>&amp;Blockers</source>
        <translation>&amp;Блокирующие</translation>
    </message>
    <message>
        <source>O&amp;verdue</source>
        <translation>&amp;Просроченные</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Все категории</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>Все детали</translation>
    </message>
    <message>
        <source>Done: last {0} days</source>
        <translation>Выполненные: за {0} дн.</translation>
    </message>
    <message>
        <source>Done: all</source>
        <translation>Выполненные: все</translation>
    </message>
    <message>
        <source>Search title, description or #number (Ctrl+F)</source>
        <translation>Поиск по названию, описанию или #номеру (Ctrl+F)</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
</context>
<context>
    <name>FindCodeDialog</name>
    <message>
        <source>Find by code</source>
        <translation>Найти по коду</translation>
    </message>
    <message>
        <source>Scan a label, or type a SKU, lot, part, warehouse or document number</source>
        <translation>Отсканируйте этикетку или введите артикул, партию, деталь, склад или номер документа</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>Создание первого администратора</translation>
    </message>
    <message>
        <source>My plant</source>
        <translation>Мой завод</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Повторите пароль</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator who will set up everyone else.</source>
        <translation>В этой базе данных ещё нет пользователей. Создайте администратора, который заведёт всех остальных.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>&amp;Choose file...</source>
        <translation>&amp;Выбрать файл...</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Содержит</translation>
    </message>
    <message>
        <source>A CSV file (UTF-8 or Windows-1251, comma or semicolon) or an Excel workbook (.xlsx); in a workbook, one sheet per kind of data.</source>
        <translation>Файл CSV (UTF-8 или Windows-1251, разделитель запятая или точка с запятой) или книга Excel (.xlsx); в книге — по листу на каждый вид данных.</translation>
    </message>
    <message>
        <source>Choose the column of the file for each field (* required). The choice is remembered for the next file of the same kind.</source>
        <translation>Выберите столбец файла для каждого поля (* — обязательное). Выбор запоминается для следующего файла того же вида.</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Что не так</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>{0}: {1} -&gt; {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Файл для импорта</translation>
    </message>
    <message>
        <source>CSV and Excel files (*.csv *.txt *.xlsx)</source>
        <translation>Файлы CSV и Excel (*.csv *.txt *.xlsx)</translation>
    </message>
    <message>
        <source>Reading the file...</source>
        <translation>Чтение файла...</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(не импортировать)</translation>
    </message>
    <message>
        <source>{0} sheet(s)</source>
        <translation>листов: {0}</translation>
    </message>
    <message>
        <source>encoding {0}, separator &quot;{1}&quot;</source>
        <translation>кодировка {0}, разделитель «{1}»</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(нет в файле)</translation>
    </message>
    <message>
        <source>column {0}</source>
        <translation>столбец {0}</translation>
    </message>
    <message>
        <source>Checking the file...</source>
        <translation>Проверка файла...</translation>
    </message>
    <message>
        <source>{0}: {1} new, {2} changed, {3} unchanged</source>
        <translation>{0}: новых {1}, изменённых {2}, без изменений {3}</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Импорт выполнен.</translation>
    </message>
    <message>
        <source>Receipt documents: {0}.</source>
        <translation>Документы прихода: {0}.</translation>
    </message>
    <message>
        <source>{0} error(s) found; nothing can be imported until they are corrected in the file.</source>
        <translation>Найдено ошибок: {0}; импорт невозможен, пока они не исправлены в файле.</translation>
    </message>
    <message>
        <source>No errors. Nothing has been written yet: press Import.</source>
        <translation>Ошибок нет. Пока ничего не записано: нажмите «Импортировать».</translation>
    </message>
    <message>
        <source>No errors, and nothing to change: everything in the file is already recorded.</source>
        <translation>Ошибок нет, и менять нечего: всё из файла уже есть в базе.</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>Импорт...</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Отмена...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue stock</source>
        <translation>Отпуск со склада</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Отпустить</translation>
    </message>
    <message>
        <source>(no part)</source>
        <translation>(без детали)</translation>
    </message>
    <message>
        <source>For part</source>
        <translation>На деталь</translation>
    </message>
    <message>
        <source>e.g. for production, week 12</source>
        <translation>напр. в производство, 12-я неделя</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>Below the minimum: after this issue {left} of {product} will be available in all warehouses; its minimum level is {minimum}. Issue anyway, and tell supply to order more.</source>
        <translation>Ниже минимума: после этого отпуска «{product}» останется доступно {left} на всех складах при минимальном остатке {minimum}. Отпустить всё равно можно; сообщите снабжению, чтобы заказали ещё.</translation>
    </message>
    <message>
        <source>Issued as document {number}: {qty} from {lots} lot(s), value {value}.</source>
        <translation>Отпущено документом {number}: {qty} из партий: {lots}, сумма {value}.</translation>
    </message>
</context>
<context>
    <name>IssueReservationDialog</name>
    <message>
        <source>Issue reserved stock</source>
        <translation>Отпуск из резерва</translation>
    </message>
    <message>
        <source>{number} holds {qty} of {product} for {holder}. How much to issue now? What is not issued stays reserved.</source>
        <translation>{number} резервирует {qty} «{product}» для {holder}. Сколько отпустить сейчас? Неотпущенное останется в резерве.</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Отпустить</translation>
    </message>
    <message>
        <source>Enter the quantity to issue.</source>
        <translation>Введите количество для отпуска.</translation>
    </message>
    <message>
        <source>The reservation holds only {0}.</source>
        <translation>В резерве только {0}.</translation>
    </message>
</context>
<context>
    <name>JournalView</name>
    <message>
        <source>All shifts</source>
        <translation>Все смены</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Все операции</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <source>Part code</source>
        <translation>Код детали</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Смена</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Record a fact</source>
        <translation>Записать факт</translation>
    </message>
    <message>
        <source>Correct...</source>
        <translation>Исправить...</translation>
    </message>
    <message>
        <source>Remove...</source>
        <translation>Удалить...</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Ночь</translation>
    </message>
    <message>
        <source>No shift</source>
        <translation>Без смены</translation>
    </message>
    <message>
        <source>Whole day</source>
        <translation>Весь день</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Сменный отчёт</translation>
    </message>
    <message>
        <source>Shift report {0}</source>
        <translation>Сменный отчёт {0}</translation>
    </message>
    <message>
        <source> Shift report for </source>
        <translation> Сменный отчёт за </translation>
    </message>
    <message>
        <source>Shift journal</source>
        <translation>Сменный журнал</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;No part has the code &apos;{0}&apos;.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;Нет детали с кодом «{0}».&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Shown: {0} facts&lt;/b&gt; &amp;nbsp; good &lt;b&gt;{1}&lt;/b&gt; &amp;nbsp; scrap &lt;b&gt;{2}&lt;/b&gt; &amp;nbsp; scrap % &lt;b&gt;{3}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Показано фактов: {0}&lt;/b&gt; &amp;nbsp; годных &lt;b&gt;{1}&lt;/b&gt; &amp;nbsp; брак &lt;b&gt;{2}&lt;/b&gt; &amp;nbsp; брак, % &lt;b&gt;{3}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{0}: {1} facts, good {2}, scrap {3} ({4})</source>
        <translation>{0}: фактов {1}, годных {2}, брак {3} ({4})</translation>
    </message>
    <message>
        <source>Remove the fact {0} {1} of {2} ({3} good, {4} scrap)? The removal is audited.</source>
        <translation>Удалить факт {0} {1} по {2} (годных {3}, брак {4})? Удаление записывается в журнал аудита.</translation>
    </message>
    <message>
        <source>Remove fact</source>
        <translation>Удаление факта</translation>
    </message>
    <message>
        <source>{0} to {1}, {2}</source>
        <translation>с {0} по {1}, {2}</translation>
    </message>
    <message>
        <source>Good {0}, scrap {1}, scrap {2}</source>
        <translation>Годных {0}, брак {1}, брак {2}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>Вся номенклатура</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>Все склады</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Все виды</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>№ документа</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Новые</translation>
    </message>
    <message>
        <source>Back to the start of the list (Ctrl+Home)</source>
        <translation>В начало списка (Ctrl+Home)</translation>
    </message>
    <message>
        <source>Jump to end</source>
        <translation>В конец</translation>
    </message>
    <message>
        <source>Show the last rows at once (Ctrl+End)</source>
        <translation>Сразу показать последние строки (Ctrl+End)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Посчитать</translation>
    </message>
    <message>
        <source>Count the movements that match the filter</source>
        <translation>Посчитать движения, подходящие под фильтр</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>В начало</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Stock movements</source>
        <translation>Движения запасов</translation>
    </message>
    <message>
        <source>Print document...</source>
        <translation>Печать документа...</translation>
    </message>
    <message>
        <source>Select a row of a receipt, an issue or a transfer to print its document.</source>
        <translation>Выберите строку поступления, отпуска или перемещения, чтобы напечатать её документ.</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Старые</translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation>сначала старые</translation>
    </message>
    <message>
        <source>newest first</source>
        <translation>сначала новые</translation>
    </message>
    <message>
        <source>the end of the list</source>
        <translation>конца списка</translation>
    </message>
    <message>
        <source>the start of the list</source>
        <translation>начала списка</translation>
    </message>
    <message>
        <source>{shown} rows loaded from {where} ({order})</source>
        <translation>Загружено строк от {where}: {shown} ({order})</translation>
    </message>
    <message>
        <source> of {total} movements</source>
        <translation> из {total} движений</translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation> — загрузка…</translation>
    </message>
    <message>
        <source>New movements recorded — F5 shows them</source>
        <translation>Записаны новые движения — F5 покажет их</translation>
    </message>
</context>
<context>
    <name>KanbanBoard</name>
    <message>
        <source>Open...</source>
        <translation>Открыть...</translation>
    </message>
    <message>
        <source>Cancel task...</source>
        <translation>Отменить задачу...</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>Отменить задачу</translation>
    </message>
    <message>
        <source>Cancel task #{0} “{1}”? It leaves the board.</source>
        <translation>Отменить задачу #{0} «{1}»? Она уйдёт с доски.</translation>
    </message>
    <message>
        <source>There is no move from {0} to {1}. A task goes one column at a time: accept, start, send to review, approve; review can also send it back to in progress.</source>
        <translation>Перехода из «{0}» в «{1}» нет. Задача движется по одной колонке: принять, начать, отправить на проверку, утвердить; с проверки её можно также вернуть в работу.</translation>
    </message>
    <message>
        <source>Send back #{0}</source>
        <translation>Вернуть #{0}</translation>
    </message>
    <message>
        <source>What needs to be done before the task can be approved?</source>
        <translation>Что нужно сделать, чтобы задачу можно было утвердить?</translation>
    </message>
</context>
<context>
    <name>LabelPrintDialog</name>
    <message>
        <source>(no printer installed: save as PDF)</source>
        <translation>(принтер не установлен: сохраните в PDF)</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Принтер</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Этикетки</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Страница</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
    <message>
        <source>Print preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Save ZPL...</source>
        <translation>Сохранить ZPL...</translation>
    </message>
    <message>
        <source>For Zebra label printers: the printer draws the codes itself</source>
        <translation>Для принтеров этикеток Zebra: коды рисует сам принтер</translation>
    </message>
    <message>
        <source>{0} label(s) on {1} page(s)</source>
        <translation>Этикеток: {0}, страниц: {1}</translation>
    </message>
    <message>
        <source>Sent {0} label(s) to {1}.</source>
        <translation>Отправлено этикеток на {1}: {0}.</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>Сохранить этикетки в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>Сохранено: {0}.</translation>
    </message>
    <message>
        <source>Save labels as ZPL</source>
        <translation>Сохранить этикетки в ZPL</translation>
    </message>
    <message>
        <source>ZPL files (*.zpl)</source>
        <translation>Файлы ZPL (*.zpl)</translation>
    </message>
    <message>
        <source>The file could not be saved: {0}</source>
        <translation>Не удалось сохранить файл: {0}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>Заблокировано</translation>
    </message>
    <message>
        <source>&lt;b&gt;This desktop is locked.&lt;/b&gt;&lt;br&gt;{0} ({1}) was away for a while. Enter the password to continue; nothing on screen was lost.</source>
        <translation>&lt;b&gt;Рабочее место заблокировано.&lt;/b&gt;&lt;br&gt;{0} ({1}) некоторое время отсутствовал(а). Введите пароль, чтобы продолжить; всё на экране сохранено.</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Повторный вход</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your session has ended.&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;Sign in again as {1} ({2}) to continue: the open forms and everything on screen stay as they are.</source>
        <translation>&lt;b&gt;Ваш сеанс завершён.&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;Войдите снова как {1} ({2}), чтобы продолжить: открытые формы и всё на экране останутся как есть.</translation>
    </message>
    <message>
        <source>You must choose a new password before you can continue.</source>
        <translation>Чтобы продолжить, нужно задать новый пароль.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Выйти из системы</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>erp-desktop: sign in</source>
        <translation>erp-desktop: вход</translation>
    </message>
    <message>
        <source>&lt;h2&gt;erp-desktop&lt;/h2&gt;Production control and stock, version {0}</source>
        <translation>&lt;h2&gt;erp-desktop&lt;/h2&gt;Учёт производства и склада, версия {0}</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Имя пользователя</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Пароль</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Connection...</source>
        <translation>Подключение...</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Restore the latest backup...</source>
        <translation>Восстановить последнюю резервную копию...</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Demo plant. Sign in as: {0}</source>
        <translation>Демо-завод. Войдите как: {0}</translation>
    </message>
    <message>
        <source>Connecting to the database...</source>
        <translation>Подключение к базе данных...</translation>
    </message>
    <message>
        <source>Database: {0} (restored from the backup of {1})</source>
        <translation>База данных: {0} (восстановлена из резервной копии от {1})</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>База данных: {0}</translation>
    </message>
    <message>
        <source>Replace the database file
{0}
with its latest backup
{1}?

What was recorded after that backup is not in it. The damaged file is kept in the backups folder.</source>
        <translation>Заменить файл базы данных
{0}
его последней резервной копией
{1}?

Того, что было записано после этой копии, в ней нет. Повреждённый файл сохраняется в папке резервных копий.</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>Восстановление последней резервной копии</translation>
    </message>
    <message>
        <source>Restoring the backup...</source>
        <translation>Восстановление резервной копии...</translation>
    </message>
    <message>
        <source>Administrator created. Sign in with the new password.</source>
        <translation>Администратор создан. Войдите с новым паролем.</translation>
    </message>
    <message>
        <source>You must choose a new password before you can continue.</source>
        <translation>Чтобы продолжить, нужно задать новый пароль.</translation>
    </message>
</context>
<context>
    <name>LotOperationDialog</name>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Scan or type the lot number.</source>
        <translation>Отсканируйте или введите номер партии.</translation>
    </message>
</context>
<context>
    <name>LotPicker</name>
    <message>
        <source>Scan or type the lot number</source>
        <translation>Отсканируйте или введите номер партии</translation>
    </message>
    <message>
        <source>Scan or type the lot number.</source>
        <translation>Отсканируйте или введите номер партии.</translation>
    </message>
    <message>
        <source>{0} is a product SKU, not a lot number. Scan the lot&apos;s label.</source>
        <translation>{0} — артикул номенклатуры, а не номер партии. Отсканируйте этикетку партии.</translation>
    </message>
    <message>
        <source>{product} ({sku}) in {warehouse}: on hand {on_hand}, reserved {reserved}, {quality}</source>
        <translation>{product} ({sku}) на складе {warehouse}: в наличии {on_hand}, в резерве {reserved}, {quality}</translation>
    </message>
</context>
<context>
    <name>LotsView</name>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Received qty</source>
        <translation>Принято</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>В наличии</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>Вся номенклатура</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>Все склады</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>With stock only</source>
        <translation>Только с остатком</translation>
    </message>
    <message>
        <source>Print labels...</source>
        <translation>Печать этикеток...</translation>
    </message>
    <message>
        <source>Labels with barcodes for the selected lots</source>
        <translation>Этикетки со штрихкодами для выбранных партий</translation>
    </message>
    <message>
        <source>Approve selected...</source>
        <translation>Допустить выбранные...</translation>
    </message>
    <message>
        <source>Quality control: approve the selected lots at once (each lot gets its own QC document)</source>
        <translation>ОТК: допустить выбранные партии разом (на каждую партию — свой документ ОТК)</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>{count} lots</source>
        <translation>Партий: {count}</translation>
    </message>
    <message>
        <source>Lot labels</source>
        <translation>Этикетки партий</translation>
    </message>
    <message>
        <source>Approve lots</source>
        <translation>Допуск партий</translation>
    </message>
    <message>
        <source>Select the pending or quarantined lots to approve.</source>
        <translation>Выберите партии, ожидающие ОТК или в карантине, чтобы допустить их.</translation>
    </message>
    <message>
        <source>Approve {count} lot(s): {numbers}? Approved stock can be issued.</source>
        <translation>Допустить партии ({count}): {numbers}? Допущенный запас можно отпускать.</translation>
    </message>
    <message>
        <source>Approved {count} lot(s): {documents}.</source>
        <translation>Допущено партий: {count}; документы: {documents}.</translation>
    </message>
    <message>
        <source>Not approved: lot {lot}: {reason}</source>
        <translation>Не допущена партия {lot}: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>erp-desktop - {0}</source>
        <translation>erp-desktop - {0}</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Change &amp;password...</source>
        <translation>Сменить &amp;пароль...</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Выйти из &amp;системы</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Import...</source>
        <translation>&amp;Импорт...</translation>
    </message>
    <message>
        <source>&amp;Restore from backup...</source>
        <translation>&amp;Восстановить из резервной копии...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Переход</translation>
    </message>
    <message>
        <source>&amp;Find by code or scan...</source>
        <translation>&amp;Найти по коду или скану...</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>подключено</translation>
    </message>
    <message>
        <source>day shift</source>
        <translation>дневная смена</translation>
    </message>
    <message>
        <source>night shift</source>
        <translation>ночная смена</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>The database answers again.</source>
        <translation>База данных снова отвечает.</translation>
    </message>
    <message>
        <source>database unreachable, retrying</source>
        <translation>база данных недоступна, повторная попытка</translation>
    </message>
    <message>
        <source>connected, live</source>
        <translation>подключено, обновляется</translation>
    </message>
    <message>
        <source>live updates off</source>
        <translation>обновления отключены</translation>
    </message>
    <message>
        <source>Changes made on other desktops are not arriving as they happen (a connection pooler without a direct address for live updates, or the connection for them is lost): the views shown refresh every {0} seconds, and F5 refreshes now.</source>
        <translation>Изменения с других рабочих мест не приходят сразу (пул соединений без прямого адреса для обновлений или соединение для них потеряно): открытые окна обновляются каждые {0} секунд, F5 обновляет сейчас.</translation>
    </message>
    <message>
        <source>Scanned {0}</source>
        <translation>Отсканировано: {0}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The program will speak {0} the next time you sign in (File &gt; Sign out, then sign in again). Nothing else changes.</source>
        <translation>Язык «{0}» включится при следующем входе (Файл &gt; Выйти из системы, затем войти снова). Больше ничего не изменится.</translation>
    </message>
    <message>
        <source>About erp-desktop</source>
        <translation>О программе erp-desktop</translation>
    </message>
    <message>
        <source>erp-desktop {0}
Production control and FIFO stock.
Database: {1}</source>
        <translation>erp-desktop {0}
Учёт производства и склада по ФИФО.
База данных: {1}</translation>
    </message>
    <message>
        <source>The database was restored from the backup of {0}. Sign in again.</source>
        <translation>База данных восстановлена из резервной копии от {0}. Войдите снова.</translation>
    </message>
    <message>
        <source>Signed in again; nothing on screen was lost.</source>
        <translation>Вход выполнен снова; ничего на экране не потеряно.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Сеанс завершён</translation>
    </message>
</context>
<context>
    <name>MasterDataView</name>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Марка</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Минимум</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Склады</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Поставщики</translation>
    </message>
</context>
<context>
    <name>MaterialActionDialog</name>
    <message>
        <source>Optional: why, or a note for the journal</source>
        <translation>Необязательно: причина или примечание для журнала</translation>
    </message>
</context>
<context>
    <name>MaterialsView</name>
    <message>
        <source>Bills of materials</source>
        <translation>Спецификации</translation>
    </message>
    <message>
        <source>Shortages</source>
        <translation>Дефицит</translation>
    </message>
</context>
<context>
    <name>MoveCommentDialog</name>
    <message>
        <source>Write the reason: what needs to be done before the task can be approved. The assignee reads it in the task&apos;s comments.</source>
        <translation>Напишите причину: что нужно сделать, чтобы задачу можно было принять. Исполнитель увидит её в комментариях к задаче.</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Сброс пароля</translation>
    </message>
    <message>
        <source>Temporary password for {0} (they must change it at the next sign-in):</source>
        <translation>Временный пароль для {0} (его нужно будет сменить при следующем входе):</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Новый пароль</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Повторите его</translation>
    </message>
    <message>
        <source>Type the temporary password.</source>
        <translation>Введите временный пароль.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>Пароли не совпадают. Введите один и тот же пароль дважды.</translation>
    </message>
</context>
<context>
    <name>NewTaskDialog</name>
    <message>
        <source>Edit task #{0}</source>
        <translation>Изменение задачи #{0}</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <source>What needs to be done, in a few words</source>
        <translation>Что нужно сделать, в двух словах</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>&amp;Сотрудник</translation>
    </message>
    <message>
        <source>&amp;Role (anyone in it may accept)</source>
        <translation>&amp;Роль (принять может любой в ней)</translation>
    </message>
    <message>
        <source>It &amp;blocks production of the part</source>
        <translation>&amp;Блокирует производство детали</translation>
    </message>
    <message>
        <source>&amp;Due by</source>
        <translation>С&amp;рок</translation>
    </message>
    <message>
        <source>(no part)</source>
        <translation>(без детали)</translation>
    </message>
    <message>
        <source>Create task</source>
        <translation>Создать задачу</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Название</translation>
    </message>
    <message>
        <source>D&amp;escription</source>
        <translation>&amp;Описание</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>The due date is in the past; choose today or later.</source>
        <translation>Срок уже прошёл; выберите сегодня или позже.</translation>
    </message>
    <message>
        <source>Choose the person to do it (or assign it to a role).</source>
        <translation>Выберите исполнителя (или назначьте задачу роли).</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Saved as document {0}.</source>
        <translation>Сохранено документом {0}.</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>All orders</source>
        <translation>Все заказы</translation>
    </message>
    <message>
        <source>Open (sent, partly received)</source>
        <translation>Открытые (отправлены, частично получены)</translation>
    </message>
    <message>
        <source>Order number or supplier</source>
        <translation>Номер заказа или поставщик</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>Дата заказа</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Строк</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Next expected</source>
        <translation>Ближайшая поставка</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>late</source>
        <translation>просрочен</translation>
    </message>
    <message>
        <source>New order...</source>
        <translation>Новый заказ...</translation>
    </message>
    <message>
        <source>Open...</source>
        <translation>Открыть...</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Cancel order...</source>
        <translation>Отменить заказ...</translation>
    </message>
    <message>
        <source>Close order</source>
        <translation>Закрыть заказ</translation>
    </message>
    <message>
        <source>Receive...</source>
        <translation>Приход...</translation>
    </message>
    <message>
        <source>Order PDF...</source>
        <translation>Заказ в PDF...</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Отмена заказа</translation>
    </message>
    <message>
        <source>Why is {0} cancelled?</source>
        <translation>Почему отменяется {0}?</translation>
    </message>
</context>
<context>
    <name>PartDetailPanel</name>
    <message>
        <source>Select a part to see its progress.</source>
        <translation>Выберите деталь, чтобы увидеть её ход.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Годных</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Брак</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Брак, %</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>% of plan</source>
        <translation>% плана</translation>
    </message>
    <message>
        <source>Part stages</source>
        <translation>Операции детали</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Смена</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Part facts</source>
        <translation>Факты по детали</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Блокирует</translation>
    </message>
    <message>
        <source>blocker</source>
        <translation>блокирует</translation>
    </message>
    <message>
        <source>Part tasks</source>
        <translation>Задачи по детали</translation>
    </message>
    <message>
        <source>Cumulative good</source>
        <translation>Годных нарастающим итогом</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Операции</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>График</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Факты</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>Материалы</translation>
    </message>
    <message>
        <source>Facts ({0})</source>
        <translation>Факты ({0})</translation>
    </message>
    <message>
        <source>Tasks ({0})</source>
        <translation>Задачи ({0})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Customer: {0} &amp;nbsp;&amp;middot;&amp;nbsp; Status: {1} &amp;nbsp;&amp;middot;&amp;nbsp; Priority: {2}</source>
        <translation>Заказчик: {0} &amp;nbsp;&amp;middot;&amp;nbsp; Статус: {1} &amp;nbsp;&amp;middot;&amp;nbsp; Приоритет: {2}</translation>
    </message>
    <message>
        <source>Ready {0} of {1} ({2}) &amp;nbsp;&amp;middot;&amp;nbsp; Deadline: {3} &amp;nbsp;&amp;middot;&amp;nbsp; &lt;span style=&apos;color:{4}; font-weight:600&apos;&gt;{5}&lt;/span&gt;</source>
        <translation>Готово {0} из {1} ({2}) &amp;nbsp;&amp;middot;&amp;nbsp; Срок: {3} &amp;nbsp;&amp;middot;&amp;nbsp; &lt;span style=&apos;color:{4}; font-weight:600&apos;&gt;{5}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Blocked by task #{0}: {1}</source>
        <translation>Заблокировано задачей #{0}: {1}</translation>
    </message>
    <message>
        <source>Plan {0}</source>
        <translation>План {0}</translation>
    </message>
</context>
<context>
    <name>PartDialog</name>
    <message>
        <source>New part</source>
        <translation>Новая деталь</translation>
    </message>
    <message>
        <source>Edit part {0}</source>
        <translation>Изменение детали {0}</translation>
    </message>
    <message>
        <source>The part has a deadline</source>
        <translation>У детали есть срок</translation>
    </message>
    <message>
        <source>0 normal; higher numbers come first</source>
        <translation>0 — обычный; чем больше число, тем раньше</translation>
    </message>
    <message>
        <source>Drawing number</source>
        <translation>Номер чертежа</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Planned quantity</source>
        <translation>Количество по плану</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
</context>
<context>
    <name>PartMaterialsTab</name>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Требуется</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Отпущено</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <source>To issue</source>
        <translation>К отпуску</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Material plan</source>
        <translation>План материалов</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Lots an issue would take</source>
        <translation>Партии, которые будут отпущены</translation>
    </message>
    <message>
        <source>Reserve plan</source>
        <translation>Зарезервировать план</translation>
    </message>
    <message>
        <source>Issue to part</source>
        <translation>Отпустить на деталь</translation>
    </message>
    <message>
        <source>Return...</source>
        <translation>Возврат...</translation>
    </message>
    <message>
        <source>Post output...</source>
        <translation>Оприходовать выпуск...</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Requisition</source>
        <translation>Требование-накладная</translation>
    </message>
    <message>
        <source>Cost sheet</source>
        <translation>Калькуляция</translation>
    </message>
    <message>
        <source>This part names no BOM: set the product it makes (a technologist).</source>
        <translation>У детали не указана спецификация: технолог задаёт изготавливаемую номенклатуру.</translation>
    </message>
    <message>
        <source>Makes {sku} rev. {rev} · issued {issued}, returned {returned} · output posted {posted} of {ready} good, carrying {carried}</source>
        <translation>Изготавливает {sku}, ред. {rev} · отпущено {issued}, возвращено {returned} · оприходовано {posted} из {ready} годных на сумму {carried}</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <source>Nothing issued to this part is left to return.</source>
        <translation>Из выданного на эту деталь возвращать больше нечего.</translation>
    </message>
    <message>
        <source>Nothing to post: {0} good at the part&apos;s last stage, {1} already posted.</source>
        <translation>Нечего оприходовать: на последнем этапе детали годных {0}, уже оприходовано {1}.</translation>
    </message>
    <message>
        <source>Post output</source>
        <translation>Оприходовать выпуск</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Saved as document {0}.</source>
        <translation>Сохранено документом {0}.</translation>
    </message>
    <message>
        <source>Could not reserve: {0}</source>
        <translation>Не удалось зарезервировать: {0}</translation>
    </message>
</context>
<context>
    <name>PartsView</name>
    <message>
        <source>Search code, name or customer  (Ctrl+F)</source>
        <translation>Поиск по коду, наименованию или заказчику  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Active (planned, in progress)</source>
        <translation>Активные (запланированы, в работе)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готова</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Все заказчики</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Только просроченные</translation>
    </message>
    <message>
        <source> Status </source>
        <translation> Статус </translation>
    </message>
    <message>
        <source> Customer </source>
        <translation> Заказчик </translation>
    </message>
    <message>
        <source>New part...</source>
        <translation>Новая деталь...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Изменить...</translation>
    </message>
    <message>
        <source>Cancel part</source>
        <translation>Отменить деталь</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Вернуть в работу</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Stages...</source>
        <translation>Операции...</translation>
    </message>
    <message>
        <source>Print traveller...</source>
        <translation>Печать сопроводительного ярлыка...</translation>
    </message>
    <message>
        <source>A label with barcodes that goes with the job; scanning it in the shift journal selects the part</source>
        <translation>Ярлык со штрихкодами, который идёт с заданием; скан в сменном журнале выбирает деталь</translation>
    </message>
    <message>
        <source>Parts progress report</source>
        <translation>Отчёт о ходе производства деталей</translation>
    </message>
    <message>
        <source>Parts progress</source>
        <translation>Ход производства деталей</translation>
    </message>
    <message>
        <source>Route card</source>
        <translation>Маршрутная карта</translation>
    </message>
    <message>
        <source>Route card {0}</source>
        <translation>Маршрутная карта {0}</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Детали</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s)</source>
        <translation>
            <numerusform>%n деталь</numerusform>
            <numerusform>%n детали</numerusform>
            <numerusform>%n деталей</numerusform>
        </translation>
    </message>
    <message>
        <source>Traveller {0}</source>
        <translation>Сопроводительный ярлык {0}</translation>
    </message>
    <message>
        <source>Cancel part {0}? Its facts stay; no new facts can be recorded for it.</source>
        <translation>Отменить деталь {0}? Её факты сохранятся; новые факты по ней записать будет нельзя.</translation>
    </message>
    <message>
        <source>Delete part</source>
        <translation>Удаление детали</translation>
    </message>
    <message>
        <source>Delete part {0} for good?</source>
        <translation>Удалить деталь {0} навсегда?</translation>
    </message>
</context>
<context>
    <name>PoEditorDialog</name>
    <message>
        <source>New purchase order</source>
        <translation>Новый заказ поставщику</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Заказ поставщику</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Deliver to</source>
        <translation>Склад доставки</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>Дата заказа</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit price (empty: last price)</source>
        <translation>Цена (пусто: последняя цена)</translation>
    </message>
    <message>
        <source>Expected (empty: lead time)</source>
        <translation>Ожидается (пусто: по сроку поставки)</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Добавить строку</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Удалить строку</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Purchase order {0}</source>
        <translation>Заказ поставщику {0}</translation>
    </message>
    <message>
        <source>quantity of line {0}</source>
        <translation>количество в строке {0}</translation>
    </message>
    <message>
        <source>Line {0}: enter the expected date as YYYY-MM-DD.</source>
        <translation>Строка {0}: введите ожидаемую дату в виде ГГГГ-ММ-ДД.</translation>
    </message>
</context>
<context>
    <name>PostOutputDialog</name>
    <message>
        <source>Post output of part {0}</source>
        <translation>Оприходование выпуска детали {0}</translation>
    </message>
    <message>
        <source>{ready} good at the last stage, {posted} posted, {to_post} to post. The output becomes a lot of {sku}, quality PENDING. Issued material not yet carried: {value}; this posting carries its share in proportion to the pieces (all of it when the part is done).</source>
        <translation>Годных на последнем этапе: {ready}, оприходовано: {posted}, к оприходованию: {to_post}. Выпуск станет партией {sku} в статусе «ожидает ОТК». Стоимость выданного материала, ещё не перенесённая на выпуск: {value}; это оприходование переносит её долю пропорционально количеству штук (всю, когда деталь завершена).</translation>
    </message>
    <message>
        <source>&amp;Warehouse</source>
        <translation>&amp;Склад</translation>
    </message>
    <message>
        <source>Good &amp;pieces</source>
        <translation>&amp;Годных штук</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Причина</translation>
    </message>
    <message>
        <source>&amp;Post output</source>
        <translation>&amp;Оприходовать выпуск</translation>
    </message>
    <message>
        <source>Choose the warehouse that receives the output.</source>
        <translation>Выберите склад, на который поступает выпуск.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>New product</source>
        <translation>Новая номенклатура</translation>
    </message>
    <message>
        <source>Edit product {0}</source>
        <translation>Изменение номенклатуры {0}</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Material grade</source>
        <translation>Марка материала</translation>
    </message>
    <message>
        <source>for metal, e.g. 40X</source>
        <translation>для металла, напр. 40Х</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>for metal, e.g. d40</source>
        <translation>для металла, напр. ф40</translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation>Минимальный остаток</translation>
    </message>
    <message>
        <source>Mostly used for metal</source>
        <translation>В основном для металла</translation>
    </message>
</context>
<context>
    <name>ProductField</name>
    <message>
        <source>Scan or type a SKU, a name or a lot number</source>
        <translation>Отсканируйте или введите артикул, наименование или номер партии</translation>
    </message>
    <message>
        <source>grade {0}</source>
        <translation>марка {0}</translation>
    </message>
    <message>
        <source>size {0}</source>
        <translation>размер {0}</translation>
    </message>
    <message>
        <source>minimum {0}</source>
        <translation>минимум {0}</translation>
    </message>
    <message>
        <source>Scan or type a SKU or a lot number.</source>
        <translation>Отсканируйте или введите артикул или номер партии.</translation>
    </message>
    <message>
        <source>Lot {0} holds several products; choose the product.</source>
        <translation>В партии {0} несколько позиций номенклатуры; выберите нужную.</translation>
    </message>
</context>
<context>
    <name>PurchasingReportsView</name>
    <message>
        <source>Open orders and late deliveries</source>
        <translation>Открытые заказы и просроченные поставки</translation>
    </message>
    <message>
        <source>Supplier on-time and quantity performance</source>
        <translation>Поставщики: соблюдение сроков и количества</translation>
    </message>
    <message>
        <source>Orders from</source>
        <translation>Заказы с</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
</context>
<context>
    <name>PurchasingView</name>
    <message>
        <source>Purchase orders</source>
        <translation>Заказы поставщикам</translation>
    </message>
    <message>
        <source>What to buy</source>
        <translation>Что закупить</translation>
    </message>
    <message>
        <source>QC queue</source>
        <translation>Очередь ОТК</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Supplier terms &amp;&amp; tolerances</source>
        <translation>Условия поставщиков и допуски</translation>
    </message>
    <message>
        <source>Receive against an order...</source>
        <translation>Приход по заказу...</translation>
    </message>
</context>
<context>
    <name>QcQueueView</name>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>В наличии</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Заказ поставщику</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Утвердить</translation>
    </message>
    <message>
        <source>Reject...</source>
        <translation>Забраковать...</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Карантин</translation>
    </message>
    <message>
        <source>Return to supplier...</source>
        <translation>Возврат поставщику...</translation>
    </message>
    <message>
        <source>Select the lots first.</source>
        <translation>Сначала выберите партии.</translation>
    </message>
    <message>
        <source>Reject lots</source>
        <translation>Брак партий</translation>
    </message>
    <message>
        <source>Why are the lots rejected?</source>
        <translation>Почему партии забракованы?</translation>
    </message>
    <message>
        <source>{0} lot(s) decided.</source>
        <translation>Решено партий: {0}.</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Отказано: {0}</translation>
    </message>
    <message>
        <source>Select the rejected lots to return.</source>
        <translation>Выберите забракованные партии для возврата.</translation>
    </message>
    <message>
        <source>Return to supplier</source>
        <translation>Возврат поставщику</translation>
    </message>
    <message>
        <source>Reason for the return (printed on the return note)</source>
        <translation>Причина возврата (печатается в накладной)</translation>
    </message>
    <message>
        <source>Returned as document {0}.</source>
        <translation>Возвращено документом {0}.</translation>
    </message>
</context>
<context>
    <name>QualityDialog</name>
    <message>
        <source>Change quality status</source>
        <translation>Изменение статуса качества</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>Установить статус</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Новый статус</translation>
    </message>
    <message>
        <source>e.g. certificate and dimensions checked</source>
        <translation>напр. сертификат и размеры проверены</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Saved as document {number}: lot {lot} is now {quality}.</source>
        <translation>Сохранено документом {number}: партия {lot} теперь «{quality}».</translation>
    </message>
</context>
<context>
    <name>ReceiveAgainstPoDialog</name>
    <message>
        <source>Receive against a purchase order</source>
        <translation>Приход по заказу поставщику</translation>
    </message>
    <message>
        <source>Scan the order&apos;s label or type its number (PO-000123)</source>
        <translation>Отсканируйте этикетку заказа или введите его номер (PO-000123)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Заказано</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Can receive</source>
        <translation>Можно принять</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Receive now</source>
        <translation>Принять сейчас</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Номер партии</translation>
    </message>
    <message>
        <source>Certificate / heat no.</source>
        <translation>Сертификат / № плавки</translation>
    </message>
    <message>
        <source>Fill in everything open</source>
        <translation>Заполнить всё открытое</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Оприходовать</translation>
    </message>
    <message>
        <source>Receipt note...</source>
        <translation>Приходная накладная...</translation>
    </message>
    <message>
        <source>{number} from {supplier}, {status}; goods go to {warehouse}</source>
        <translation>{number} от {supplier}, {status}; товар поступает на склад {warehouse}</translation>
    </message>
    <message>
        <source>Nothing is open on {0}.</source>
        <translation>По заказу {0} ничего не осталось к приёму.</translation>
    </message>
    <message>
        <source>quantity of line {0}</source>
        <translation>количество в строке {0}</translation>
    </message>
    <message>
        <source>Enter the quantity received on at least one line.</source>
        <translation>Введите принятое количество хотя бы в одной строке.</translation>
    </message>
    <message>
        <source>Received as document {number}: {count} lot(s), pending quality control.</source>
        <translation>Оприходовано документом {number}: партий {count}, ожидают ОТК.</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <source>Receive stock</source>
        <translation>Приход на склад</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Оприходовать</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>as on the delivery note; empty: the document number</source>
        <translation>как в накладной; пусто — номер документа</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Номер партии</translation>
    </message>
    <message>
        <source>heat or certificate number</source>
        <translation>номер плавки или сертификата</translation>
    </message>
    <message>
        <source>Certificate / heat no.</source>
        <translation>Сертификат / № плавки</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Pending (quality control approves the lot before it can be issued)</source>
        <translation>Ожидает ОТК (ОТК допускает партию, прежде чем её можно отпустить)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Print labels...</source>
        <translation>Печать этикеток...</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Add &amp;line</source>
        <translation>Добавить &amp;строку</translation>
    </message>
    <message>
        <source>Keep this line and clear the form for the next line of the same delivery note</source>
        <translation>Сохранить эту строку и очистить форму для следующей строки той же накладной</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>&amp;Удалить строку</translation>
    </message>
    <message>
        <source>Choose the warehouse.</source>
        <translation>Выберите склад.</translation>
    </message>
    <message>
        <source>Fill in the line first: product, quantity and unit cost.</source>
        <translation>Сначала заполните строку: номенклатура, количество и цена за единицу.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lines of this receipt: {count}&lt;/b&gt;, value {value}. Receive adds the line in the form too, if one is typed.</source>
        <translation>&lt;b&gt;Строк в приходе: {count}&lt;/b&gt;, сумма {value}. При оприходовании добавится и строка из формы, если она заполнена.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Choose the product (scan or type its SKU).</source>
        <translation>Выберите номенклатуру (отсканируйте или введите артикул).</translation>
    </message>
    <message>
        <source>Enter the quantity received.</source>
        <translation>Введите принятое количество.</translation>
    </message>
    <message>
        <source>Lot labels</source>
        <translation>Этикетки партий</translation>
    </message>
    <message>
        <source>Received as document {number}: {count} lots ({lots}), {quality}.</source>
        <translation>Оприходовано документом {number}: партий {count} ({lots}), {quality}.</translation>
    </message>
    <message>
        <source>Received as document {number}: lot {lot}, {qty}, {quality}.</source>
        <translation>Оприходовано документом {number}: партия {lot}, {qty}, {quality}.</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no (deactivated)</source>
        <translation>нет (отключена)</translation>
    </message>
    <message>
        <source>Show deactivated</source>
        <translation>Показывать отключённые</translation>
    </message>
    <message>
        <source>New...</source>
        <translation>Создать...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Изменить...</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <source>Print labels...</source>
        <translation>Печать этикеток...</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Этикетки</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Включить</translation>
    </message>
</context>
<context>
    <name>ReservationsView</name>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Для</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрытые</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открытые</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Release...</source>
        <translation>Снять резерв...</translation>
    </message>
    <message>
        <source>Issue reserved stock...</source>
        <translation>Отпустить резерв...</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Резервы</translation>
    </message>
    <message>
        <source>Release reservation</source>
        <translation>Снятие резерва</translation>
    </message>
    <message>
        <source>Release {number}: {qty} of {product} goes back to available stock?</source>
        <translation>Снять резерв {number}: {qty} «{product}» вернётся в доступный остаток?</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Saved as document {0}.</source>
        <translation>Сохранено документом {0}.</translation>
    </message>
</context>
<context>
    <name>ReserveDialog</name>
    <message>
        <source>Reserve stock</source>
        <translation>Резервирование</translation>
    </message>
    <message>
        <source>Reserve</source>
        <translation>Зарезервировать</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lots that will be held (oldest first)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Партии, которые будут зарезервированы (сначала самые старые)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lots held by {number} (oldest first)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Партии в резерве {number} (сначала самые старые)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(no part: enter the order)</source>
        <translation>(без детали: укажите заказ)</translation>
    </message>
    <message>
        <source>For part</source>
        <translation>На деталь</translation>
    </message>
    <message>
        <source>e.g. Order 2026-117</source>
        <translation>напр. Заказ 2026-117</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Choose the part, or enter the order the stock is reserved for.</source>
        <translation>Выберите деталь или укажите заказ, под который резервируется запас.</translation>
    </message>
    <message>
        <source>Reserved as document {number}: {qty} in {lots} lot(s).</source>
        <translation>Зарезервировано документом {number}: {qty}, партий: {lots}.</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>ежедневная</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>перед обновлением</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>перед восстановлением</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>вручную</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Создана</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>The database file is replaced by the backup you choose: what was recorded after it is not in it. The current file is kept as a backup. Everyone is signed out.</source>
        <translation>Файл базы данных заменяется выбранной резервной копией: того, что было записано после неё, в ней нет. Текущий файл сохраняется как резервная копия. Все пользователи выходят из программы.</translation>
    </message>
    <message>
        <source>Other file...</source>
        <translation>Другой файл...</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановить</translation>
    </message>
    <message>
        <source>There are no backups of this database yet. Choose a file with Other file...</source>
        <translation>Резервных копий этой базы данных пока нет. Выберите файл кнопкой «Другой файл...»</translation>
    </message>
    <message>
        <source>Database backups (*.db);;All files (*)</source>
        <translation>Резервные копии базы данных (*.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>the backup of {0}</source>
        <translation>резервную копию от {0}</translation>
    </message>
    <message>
        <source>Replace the database with {0}? What was recorded after it is lost.</source>
        <translation>Заменить базу данных на {0}? Записанное после неё будет потеряно.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return material of part {0}</source>
        <translation>Возврат материала детали {0}</translation>
    </message>
    <message>
        <source>&amp;Lot</source>
        <translation>&amp;Партия</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>&amp;Количество</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Причина</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Вернуть</translation>
    </message>
    <message>
        <source>Back into lot {lot} of {sku} at its cost {cost}, keeping its received-at date; at most {left} {unit} (issued to this part and not returned yet).</source>
        <translation>Обратно в партию {lot} ({sku}) по её себестоимости {cost}, с сохранением даты поступления; не более {left} {unit} (выдано на эту деталь и ещё не возвращено).</translation>
    </message>
    <message>
        <source>Enter the quantity as a number.</source>
        <translation>Введите количество числом.</translation>
    </message>
</context>
<context>
    <name>RouteEditor</name>
    <message>
        <source>Add →</source>
        <translation>Добавить →</translation>
    </message>
    <message>
        <source>← Remove</source>
        <translation>← Убрать</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>Stage catalogue</source>
        <translation>Справочник операций</translation>
    </message>
    <message>
        <source>Route (in order)</source>
        <translation>Маршрут (по порядку)</translation>
    </message>
    <message>
        <source>{0}  (facts: {1} good)</source>
        <translation>{0}  (факты: годных {1})</translation>
    </message>
    <message>
        <source>per shift</source>
        <translation>по сменам</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>ОТК</translation>
    </message>
</context>
<context>
    <name>SecuritySettingsView</name>
    <message>
        <source>Failed sign-ins before the account locks</source>
        <translation>Неудачных входов до блокировки учётной записи</translation>
    </message>
    <message>
        <source>Lockout (minutes)</source>
        <translation>Блокировка (минут)</translation>
    </message>
    <message>
        <source>Lock an idle window after (minutes)</source>
        <translation>Блокировать бездействующее окно через (минут)</translation>
    </message>
    <message>
        <source>Minimum password length</source>
        <translation>Минимальная длина пароля</translation>
    </message>
    <message>
        <source>These settings apply to every desktop of the plant. On a shared server the server itself enforces them; the idle lock takes effect at each desktop&apos;s next sign-in.</source>
        <translation>Эти настройки действуют на всех рабочих местах завода. На общем сервере их соблюдение обеспечивает сам сервер; блокировка при бездействии вступает в силу на каждом рабочем месте при следующем входе.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Компьютер</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Only signed-in desktops</source>
        <translation>Только активные рабочие места</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Завершить сеанс</translation>
    </message>
</context>
<context>
    <name>ShortagesView</name>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>To issue</source>
        <translation>К отпуску</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Material shortages</source>
        <translation>Дефицит материалов</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Open parts whose material is not covered by reserved or available stock</source>
        <translation>Открытые детали, материалы которых не покрыты резервом или доступным запасом</translation>
    </message>
</context>
<context>
    <name>StagesDialog</name>
    <message>
        <source>Stage catalogue</source>
        <translation>Справочник операций</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Shift and operator</source>
        <translation>Смена и оператор</translation>
    </message>
    <message>
        <source>QC</source>
        <translation>ОТК</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Используется</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Facts need a shift and an operator</source>
        <translation>Факты требуют смены и оператора</translation>
    </message>
    <message>
        <source>Quality check (QC inspectors record it)</source>
        <translation>Контроль качества (записывают контролёры ОТК)</translation>
    </message>
    <message>
        <source>Save stage</source>
        <translation>Сохранить операцию</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>Новая операция</translation>
    </message>
    <message>
        <source>Take out of use</source>
        <translation>Вывести из использования</translation>
    </message>
    <message>
        <source>Add the usual stages</source>
        <translation>Добавить обычные операции</translation>
    </message>
    <message>
        <source>Stage {0}</source>
        <translation>Операция {0}</translation>
    </message>
    <message>
        <source>Put back in use</source>
        <translation>Вернуть в использование</translation>
    </message>
</context>
<context>
    <name>StockChart</name>
    <message>
        <source>All warehouses</source>
        <translation>Все склады</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показать</translation>
    </message>
    <message>
        <source>Choose a product to see its stock level over time.</source>
        <translation>Выберите номенклатуру, чтобы увидеть изменение её остатка.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>No movements of this product in the period.</source>
        <translation>За период движений по этой номенклатуре нет.</translation>
    </message>
    <message>
        <source>minimum {0}</source>
        <translation>минимум {0}</translation>
    </message>
    <message>
        <source>{name}: {level} now; lowest {low}, highest {high} in the period.</source>
        <translation>{name}: сейчас {level}; за период наименьший {low}, наибольший {high}.</translation>
    </message>
</context>
<context>
    <name>StockOverview</name>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Марка</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>В наличии</translation>
    </message>
    <message>
        <source>Pending QC</source>
        <translation>Ожидает ОТК</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Карантин</translation>
    </message>
    <message>
        <source>FIFO value</source>
        <translation>Сумма по ФИФО</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Минимум</translation>
    </message>
    <message>
        <source>Search SKU, name, grade</source>
        <translation>Поиск по артикулу, наименованию, марке</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>Все склады</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Все категории</translation>
    </message>
    <message>
        <source>Below minimum only</source>
        <translation>Только ниже минимума</translation>
    </message>
    <message>
        <source>Per warehouse</source>
        <translation>По складам</translation>
    </message>
    <message>
        <source>Stock availability</source>
        <translation>Наличие запасов</translation>
    </message>
    <message>
        <source>{rows} rows, FIFO value {value}; {below} product(s) below minimum (highlighted)</source>
        <translation>Строк: {rows}, сумма по ФИФО {value}; ниже минимума (выделены): {below}</translation>
    </message>
    <message>
        <source>search “{0}”</source>
        <translation>поиск «{0}»</translation>
    </message>
    <message>
        <source>below minimum only</source>
        <translation>только ниже минимума</translation>
    </message>
</context>
<context>
    <name>StockReportsView</name>
    <message>
        <source>Availability with FIFO value</source>
        <translation>Наличие с суммой по ФИФО</translation>
    </message>
    <message>
        <source>Critical stock</source>
        <translation>Критические остатки</translation>
    </message>
    <message>
        <source>Stock card (running balance)</source>
        <translation>Карточка учёта (текущий остаток)</translation>
    </message>
    <message>
        <source>Valuation as of a date</source>
        <translation>Оценка на дату</translation>
    </message>
    <message>
        <source>Movement journal for a period</source>
        <translation>Журнал движений за период</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>Все склады</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>As of (end of day)</source>
        <translation>На дату (конец дня)</translation>
    </message>
    <message>
        <source>Preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Печать...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
    <message>
        <source>Export to CSV...</source>
        <translation>Экспорт в CSV...</translation>
    </message>
    <message>
        <source>Export to Excel...</source>
        <translation>Экспорт в Excel...</translation>
    </message>
    <message>
        <source>Available, reserved and on hand stock with its FIFO value, per product and warehouse; products below their minimum are marked.</source>
        <translation>Доступный, зарезервированный и фактический остаток с суммой по ФИФО по номенклатуре и складам; позиции ниже минимума отмечены.</translation>
    </message>
    <message>
        <source>Products whose available stock is below their minimum level.</source>
        <translation>Номенклатура, доступный остаток которой ниже минимального.</translation>
    </message>
    <message>
        <source>Every movement of one product with the running balance.</source>
        <translation>Все движения одной позиции с текущим остатком.</translation>
    </message>
    <message>
        <source>Quantity and value per product and warehouse from the journal, as they stood at the end of the chosen day.</source>
        <translation>Количество и сумма по номенклатуре и складам по журналу на конец выбранного дня.</translation>
    </message>
    <message>
        <source>Every stock movement of the period, oldest first.</source>
        <translation>Все движения запасов за период, сначала старые.</translation>
    </message>
    <message>
        <source>Choose the product (scan or type its SKU).</source>
        <translation>Выберите номенклатуру (отсканируйте или введите артикул).</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Экспорт в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>{count} rows written to {path}</source>
        <translation>Записано строк: {count}, файл: {path}</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Партии</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Движения</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>Резервы</translation>
    </message>
    <message>
        <source>Receive...</source>
        <translation>Приход...</translation>
    </message>
    <message>
        <source>Issue...</source>
        <translation>Расход...</translation>
    </message>
    <message>
        <source>Transfer...</source>
        <translation>Перемещение...</translation>
    </message>
    <message>
        <source>Adjust count...</source>
        <translation>Инвентаризация...</translation>
    </message>
    <message>
        <source>Quality status...</source>
        <translation>Статус качества...</translation>
    </message>
    <message>
        <source>Reserve...</source>
        <translation>Резерв...</translation>
    </message>
    <message>
        <source>Stock level chart</source>
        <translation>График остатка</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Products &amp;&amp; warehouses</source>
        <translation>Номенклатура и склады</translation>
    </message>
    <message>
        <source>Saved as document {0}</source>
        <translation>Сохранено документом {0}</translation>
    </message>
</context>
<context>
    <name>SupplierDialog</name>
    <message>
        <source>New supplier</source>
        <translation>Новый поставщик</translation>
    </message>
    <message>
        <source>Edit supplier</source>
        <translation>Изменение поставщика</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Task #{0}</source>
        <translation>Задача #{0}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Блокирует</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Комментарии</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Write a comment (Ctrl+Enter adds it). A move takes it along; sending back needs one.</source>
        <translation>Напишите комментарий (Ctrl+Enter добавляет его). Переход задачи забирает его с собой; для возврата он обязателен.</translation>
    </message>
    <message>
        <source>Add &amp;comment</source>
        <translation>Добавить &amp;комментарий</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>&amp;Изменить...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>(created)</source>
        <translation>(создана)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Task #{0}: {1}</source>
        <translation>Задача #{0}: {1}</translation>
    </message>
    <message>
        <source> (for {0})</source>
        <translation> (для роли «{0}»)</translation>
    </message>
    <message>
        <source>anyone in the role {0}</source>
        <translation>любой в роли «{0}»</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>  (overdue)</source>
        <translation>  (просрочена)</translation>
    </message>
    <message>
        <source>yes, it holds up production</source>
        <translation>да, задерживает производство</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>it did, until finished</source>
        <translation>да, пока не была завершена</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(без описания)</translation>
    </message>
    <message>
        <source>Comments ({0})</source>
        <translation>Комментарии ({0})</translation>
    </message>
    <message>
        <source>History ({0})</source>
        <translation>История ({0})</translation>
    </message>
    <message>
        <source>Write the comment first.</source>
        <translation>Сначала напишите комментарий.</translation>
    </message>
    <message>
        <source>Write in the comment box what needs to be done, then press {0} again.</source>
        <translation>Напишите в поле комментария, что нужно сделать, и снова нажмите «{0}».</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>&amp;New task...</source>
        <translation>&amp;Новая задача...</translation>
    </message>
    <message>
        <source>New task (Ctrl+N)</source>
        <translation>Новая задача (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open tasks report</source>
        <translation>Отчёт по открытым задачам</translation>
    </message>
    <message>
        <source>Print preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Печать...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Drag a card, or press Space, to make its next move  ·  Ctrl+Left sends back  ·  Enter opens</source>
        <translation>Перетащите карточку или нажмите Пробел для следующего шага  ·  Ctrl+Влево — вернуть  ·  Enter — открыть</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) on the board</source>
        <translation>
            <numerusform>%n задача на доске</numerusform>
            <numerusform>%n задачи на доске</numerusform>
            <numerusform>%n задач на доске</numerusform>
        </translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation> (с фильтром)</translation>
    </message>
    <message>
        <source>part {0}</source>
        <translation>деталь {0}</translation>
    </message>
    <message>
        <source>Send back #{0}</source>
        <translation>Вернуть #{0}</translation>
    </message>
</context>
<context>
    <name>TermsView</name>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Lead time, days</source>
        <translation>Срок поставки, дней</translation>
    </message>
    <message>
        <source>Minimum order</source>
        <translation>Минимальный заказ</translation>
    </message>
    <message>
        <source>Last price</source>
        <translation>Последняя цена</translation>
    </message>
    <message>
        <source>Save terms</source>
        <translation>Сохранить условия</translation>
    </message>
    <message>
        <source>Supplier terms for a product</source>
        <translation>Условия поставщика по номенклатуре</translation>
    </message>
    <message>
        <source>empty: the plant&apos;s</source>
        <translation>пусто: допуск завода</translation>
    </message>
    <message>
        <source>Save plant tolerance</source>
        <translation>Сохранить допуск завода</translation>
    </message>
    <message>
        <source>Save product tolerance</source>
        <translation>Сохранить допуск номенклатуры</translation>
    </message>
    <message>
        <source>Over-receipt tolerance, %</source>
        <translation>Допуск сверхпоставки, %</translation>
    </message>
    <message>
        <source>Plant</source>
        <translation>Завод</translation>
    </message>
    <message>
        <source>Its own tolerance</source>
        <translation>Собственный допуск</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer stock</source>
        <translation>Перемещение запасов</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Переместить</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>(choose the target warehouse)</source>
        <translation>(выберите склад-получатель)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>e.g. stock for the lathe section</source>
        <translation>напр. запас для токарного участка</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>Oldest approved lots first (FIFO)</source>
        <translation>Сначала старые допущенные партии (ФИФО)</translation>
    </message>
    <message>
        <source>Choose the target warehouse.</source>
        <translation>Выберите склад-получатель.</translation>
    </message>
    <message>
        <source>Transferred as document {number}: {qty} in {lots} lot(s).</source>
        <translation>Перемещено документом {number}: {qty}, партий: {lots}.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>Edit user {0}</source>
        <translation>Изменение пользователя {0}</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>Начальный пароль</translation>
    </message>
</context>
<context>
    <name>UsersView</name>
    <message>
        <source>New user...</source>
        <translation>Новый пользователь...</translation>
    </message>
    <message>
        <source>Edit...</source>
        <translation>Изменить...</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <source>Reset password...</source>
        <translation>Сбросить пароль...</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Let a user locked out after failed sign-ins sign in again now</source>
        <translation>Разрешить пользователю, заблокированному после неудачных попыток входа, войти снова уже сейчас</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Включить</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <source>New warehouse</source>
        <translation>Новый склад</translation>
    </message>
    <message>
        <source>Edit warehouse</source>
        <translation>Изменение склада</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
</context>
<context>
    <name>WhatToBuyView</name>
    <message>
        <source>(no supplier)</source>
        <translation>(без поставщика)</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Parts need</source>
        <translation>Нужно деталям</translation>
    </message>
    <message>
        <source>Min. level</source>
        <translation>Мин. остаток</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Pending QC</source>
        <translation>Ожидает ОТК</translation>
    </message>
    <message>
        <source>On order</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Suggested order</source>
        <translation>Предлагаемый заказ</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>Заказать до</translation>
    </message>
    <message>
        <source>What to buy</source>
        <translation>Что закупить</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Нужно</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Покрыто</translation>
    </message>
    <message>
        <source>Covering order</source>
        <translation>Покрывающий заказ</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидается</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Deliver to</source>
        <translation>Доставить на</translation>
    </message>
    <message>
        <source>Create draft orders</source>
        <translation>Создать черновики заказов</translation>
    </message>
    <message>
        <source>{0} product(s) to buy.</source>
        <translation>К закупке позиций: {0}.</translation>
    </message>
    <message>
        <source>{0}: short {1}, of it {2} for the minimum level of {3}.</source>
        <translation>{0}: не хватает {1}, из них {2} — до минимального остатка {3}.</translation>
    </message>
    <message>
        <source>Tick the lines to order first.</source>
        <translation>Сначала отметьте строки для заказа.</translation>
    </message>
    <message>
        <source>Draft orders created: {0}.</source>
        <translation>Созданы черновики заказов: {0}.</translation>
    </message>
</context>
<context>
    <name>areas</name>
    <message>
        <source>Parts</source>
        <translation>Детали</translation>
    </message>
    <message>
        <source>Shift journal</source>
        <translation>Сменный журнал</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Задачи</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>Закупки</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>Материалы</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Администрирование</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>Route card {code}</source>
        <translation>Маршрутная карта {code}</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Drawing number</source>
        <translation>Номер чертежа</translation>
    </message>
    <message>
        <source>Part name</source>
        <translation>Наименование детали</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Объём партии</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Материал</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Цех</translation>
    </message>
    <message>
        <source>Sect.</source>
        <translation>Уч.</translation>
    </message>
    <message>
        <source>Workpl.</source>
        <translation>РМ</translation>
    </message>
    <message>
        <source>Op.</source>
        <translation>Опер.</translation>
    </message>
    <message>
        <source>Operation code and name</source>
        <translation>Код, наименование операции</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Обозначение документа</translation>
    </message>
    <message>
        <source>Equipment code and name</source>
        <translation>Код, наименование оборудования</translation>
    </message>
    <message>
        <source>Mech.</source>
        <translation>СМ</translation>
    </message>
    <message>
        <source>Prof.</source>
        <translation>Проф.</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Р</translation>
    </message>
    <message>
        <source>Cond.</source>
        <translation>УТ</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>КР</translation>
    </message>
    <message>
        <source>Parts/op.</source>
        <translation>КОИД</translation>
    </message>
    <message>
        <source>Rating unit</source>
        <translation>ЕН</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>ОП</translation>
    </message>
    <message>
        <source>Coef.</source>
        <translation>Кшт.</translation>
    </message>
    <message>
        <source>Set-up time</source>
        <translation>Тпз.</translation>
    </message>
    <message>
        <source>Piece time</source>
        <translation>Тшт.</translation>
    </message>
    <message>
        <source>Sign-off by operation</source>
        <translation>Отметки о выполнении операций</translation>
    </message>
    <message>
        <source>per shift and operator</source>
        <translation>по сменам и операторам</translation>
    </message>
    <message>
        <source>quality check</source>
        <translation>контроль качества</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Учёт</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Годных</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Брак</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Each operation passes on no more good parts than it received from the operation before.</source>
        <translation>Каждая операция передаёт дальше не больше годных деталей, чем получила от предыдущей.</translation>
    </message>
    <message>
        <source>Developed by</source>
        <translation>Разработал</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>Проверил</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Утвердил</translation>
    </message>
    <message>
        <source>Standards check</source>
        <translation>Н. контр.</translation>
    </message>
    <message>
        <source>Unit code (OKEI)</source>
        <translation>Код по ОКЕИ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Goods receipt note No. {number}</source>
        <translation>ПРИХОДНЫЙ ОРДЕР № {number}</translation>
    </message>
    <message>
        <source>Receipt of stock from a supplier</source>
        <translation>Поступление материальных ценностей от поставщика</translation>
    </message>
    <message>
        <source>Operation code</source>
        <translation>Код вида операции</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Insurer</source>
        <translation>Страховая компания</translation>
    </message>
    <message>
        <source>Corresponding account</source>
        <translation>Корреспондирующий счёт</translation>
    </message>
    <message>
        <source>Accompanying document No.</source>
        <translation>Номер документа (сопроводительного, платёжного)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Item No. (SKU)</source>
        <translation>Номенкл. номер</translation>
    </message>
    <message>
        <source>Quantity per document</source>
        <translation>Количество по документу</translation>
    </message>
    <message>
        <source>Quantity accepted</source>
        <translation>Количество принято</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена, руб. коп.</translation>
    </message>
    <message>
        <source>Amount excl. VAT</source>
        <translation>Сумма без учёта НДС, руб. коп.</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Сумма НДС, руб. коп.</translation>
    </message>
    <message>
        <source>Amount incl. VAT</source>
        <translation>Всего с учётом НДС, руб. коп.</translation>
    </message>
    <message>
        <source>Certificate No.</source>
        <translation>Номер паспорта</translation>
    </message>
    <message>
        <source>Lot (stock card No.)</source>
        <translation>Партия (№ по картотеке)</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Lines: {count}; amount excluding VAT: {amount}.</source>
        <translation>Строк: {count}; сумма без учёта НДС: {amount}.</translation>
    </message>
    <message>
        <source>Received by (storekeeper)</source>
        <translation>Принял (кладовщик)</translation>
    </message>
    <message>
        <source>Handed over by (supplier, forwarder)</source>
        <translation>Сдал (поставщик, экспедитор)</translation>
    </message>
    <message>
        <source>Transfer note No. {number}</source>
        <translation>ТРЕБОВАНИЕ-НАКЛАДНАЯ № {number}</translation>
    </message>
    <message>
        <source>Transfer of stock between warehouses</source>
        <translation>Перемещение материальных ценностей между складами</translation>
    </message>
    <message>
        <source>Issue note No. {number}</source>
        <translation>ТРЕБОВАНИЕ-НАКЛАДНАЯ № {number}</translation>
    </message>
    <message>
        <source>Issue of stock to production</source>
        <translation>Отпуск материальных ценностей в производство</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Производство</translation>
    </message>
    <message>
        <source>Sender (warehouse)</source>
        <translation>Отправитель (склад)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>Output accounting unit</source>
        <translation>Учётная единица выпуска продукции (работ, услуг)</translation>
    </message>
    <message>
        <source>Through</source>
        <translation>Через кого</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Затребовал</translation>
    </message>
    <message>
        <source>Authorised by</source>
        <translation>Разрешил</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Corr. account</source>
        <translation>Корр. счёт</translation>
    </message>
    <message>
        <source>Quantity requested</source>
        <translation>Количество затребовано</translation>
    </message>
    <message>
        <source>Quantity released</source>
        <translation>Количество отпущено</translation>
    </message>
    <message>
        <source>Released by</source>
        <translation>Отпустил</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Получил</translation>
    </message>
</context>
<context>
    <name>enums</name>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнена</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Под угрозой</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>Без срока</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Production manager</source>
        <translation>Начальник производства</translation>
    </message>
    <message>
        <source>Shop foreman</source>
        <translation>Мастер участка</translation>
    </message>
    <message>
        <source>Technologist</source>
        <translation>Технолог</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Quality inspector</source>
        <translation>Контролёр ОТК</translation>
    </message>
    <message>
        <source>Supply clerk</source>
        <translation>Кладовщик-снабженец</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Наблюдатель</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <source>m</source>
        <translation>м</translation>
    </message>
    <message>
        <source>pcs</source>
        <translation>шт</translation>
    </message>
    <message>
        <source>sheet</source>
        <translation>лист</translation>
    </message>
    <message>
        <source>l</source>
        <translation>л</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Принята</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <source>Tooling</source>
        <translation>Оснастка</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Материал</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>Документация</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Прочее</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Принять</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <source>Send to review</source>
        <translation>На проверку</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Утвердить</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>Отменить задачу</translation>
    </message>
    <message>
        <source>create</source>
        <translation>создать</translation>
    </message>
    <message>
        <source>update</source>
        <translation>изменить</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>без изменений</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>Склады</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Поставщики</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Bills of materials</source>
        <translation>Спецификации (BOM)</translation>
    </message>
    <message>
        <source>Parts with routes</source>
        <translation>Детали с маршрутами</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>Начальные остатки</translation>
    </message>
    <message>
        <source>Warehouse code</source>
        <translation>Код склада</translation>
    </message>
    <message>
        <source>Warehouse name</source>
        <translation>Название склада</translation>
    </message>
    <message>
        <source>Supplier name</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Material grade</source>
        <translation>Марка материала</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation>Минимальный остаток</translation>
    </message>
    <message>
        <source>Product SKU</source>
        <translation>Артикул изделия</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Ревизия</translation>
    </message>
    <message>
        <source>Component SKU</source>
        <translation>Артикул компонента</translation>
    </message>
    <message>
        <source>Quantity per unit</source>
        <translation>Кол-во на ед.</translation>
    </message>
    <message>
        <source>Fixed quantity per order</source>
        <translation>Кол-во на заказ</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Отход %</translation>
    </message>
    <message>
        <source>Make or buy</source>
        <translation>Изготовить/купить</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <source>Drawing number</source>
        <translation>Обозначение (чертёж)</translation>
    </message>
    <message>
        <source>Part name</source>
        <translation>Наименование детали</translation>
    </message>
    <message>
        <source>Planned quantity</source>
        <translation>Количество по плану</translation>
    </message>
    <message>
        <source>Route (stage codes)</source>
        <translation>Маршрут (коды операций)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Lot number</source>
        <translation>Номер партии</translation>
    </message>
    <message>
        <source>Received date</source>
        <translation>Дата поступления</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за единицу</translation>
    </message>
    <message>
        <source>Certificate or heat number</source>
        <translation>Сертификат или номер плавки</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>Частично получен</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получен</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыт</translation>
    </message>
    <message>
        <source>make</source>
        <translation>изготовить</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>купить</translation>
    </message>
    <message>
        <source>BOM lines</source>
        <translation>Строки спецификации</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>{stage} would have {good} good in total but the next stage {next} already has {next_good}.</source>
        <translation>На операции «{stage}» стало бы всего {good} годных, но на следующей операции «{next}» уже {next_good}.</translation>
    </message>
    <message>
        <source>{stage} would have {good} good in total but the previous stage {previous} has only {previous_good}.</source>
        <translation>На операции «{stage}» стало бы всего {good} годных, но на предыдущей операции «{previous}» их только {previous_good}.</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>управлять пользователями</translation>
    </message>
    <message>
        <source>end other users&apos; sessions</source>
        <translation>завершать сеансы других пользователей</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>просматривать журнал аудита</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>изменять настройки</translation>
    </message>
    <message>
        <source>edit the stage catalogue</source>
        <translation>изменять справочник операций</translation>
    </message>
    <message>
        <source>create or edit parts</source>
        <translation>создавать и изменять детали</translation>
    </message>
    <message>
        <source>delete or cancel parts</source>
        <translation>удалять и отменять детали</translation>
    </message>
    <message>
        <source>record stage facts</source>
        <translation>записывать факты по операциям</translation>
    </message>
    <message>
        <source>record facts for other operators</source>
        <translation>записывать факты за других операторов</translation>
    </message>
    <message>
        <source>record QC-stage facts</source>
        <translation>записывать факты операций ОТК</translation>
    </message>
    <message>
        <source>correct or remove stage facts</source>
        <translation>исправлять и удалять факты по операциям</translation>
    </message>
    <message>
        <source>print reports</source>
        <translation>печатать отчёты</translation>
    </message>
    <message>
        <source>create tasks</source>
        <translation>создавать задачи</translation>
    </message>
    <message>
        <source>comment on tasks</source>
        <translation>комментировать задачи</translation>
    </message>
    <message>
        <source>review tasks</source>
        <translation>проверять задачи</translation>
    </message>
    <message>
        <source>edit products and warehouses</source>
        <translation>изменять номенклатуру и склады</translation>
    </message>
    <message>
        <source>receive stock</source>
        <translation>оприходовать запасы</translation>
    </message>
    <message>
        <source>issue stock</source>
        <translation>отпускать запасы</translation>
    </message>
    <message>
        <source>transfer stock</source>
        <translation>перемещать запасы</translation>
    </message>
    <message>
        <source>adjust stock</source>
        <translation>корректировать остатки</translation>
    </message>
    <message>
        <source>reserve or release stock</source>
        <translation>резервировать запасы и снимать резерв</translation>
    </message>
    <message>
        <source>change a lot&apos;s quality status</source>
        <translation>изменять статус качества партии</translation>
    </message>
    <message>
        <source>edit suppliers</source>
        <translation>изменять поставщиков</translation>
    </message>
    <message>
        <source>create, edit or send purchase orders</source>
        <translation>создавать, изменять или отправлять заказы поставщикам</translation>
    </message>
    <message>
        <source>edit bills of materials</source>
        <translation>редактировать спецификации</translation>
    </message>
    <message>
        <source>post a part&apos;s finished output to stock</source>
        <translation>оприходовать готовую продукцию детали на склад</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {operation}. Ask an administrator if you need to.</source>
        <translation>Ваша роль ({role}) не может {operation}. Если это нужно, обратитесь к администратору.</translation>
    </message>
    <message>
        <source>The {label} must be zero or more.</source>
        <translation>Значение поля «{label}» должно быть не меньше нуля.</translation>
    </message>
    <message>
        <source>The {label} must be more than zero.</source>
        <translation>Значение поля «{label}» должно быть больше нуля.</translation>
    </message>
    <message>
        <source>The {label} is too large (at most {maximum}).</source>
        <translation>Значение поля «{label}» слишком велико (не более {maximum}).</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>unit cost</source>
        <translation>цена за единицу</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>ожидает ОТК</translation>
    </message>
    <message>
        <source>APPROVED</source>
        <translation>допущена</translation>
    </message>
    <message>
        <source>REJECTED</source>
        <translation>забракована</translation>
    </message>
    <message>
        <source>QUARANTINE</source>
        <translation>в карантине</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>отпущен</translation>
    </message>
    <message>
        <source>released</source>
        <translation>снят</translation>
    </message>
    <message>
        <source>issue</source>
        <translation>отпустить</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>переместить</translation>
    </message>
    <message>
        <source>reserve</source>
        <translation>зарезервировать</translation>
    </message>
    <message>
        <source>metal</source>
        <translation>металл</translation>
    </message>
    <message>
        <source>fastener</source>
        <translation>крепёж</translation>
    </message>
    <message>
        <source>tooling</source>
        <translation>оснастка</translation>
    </message>
    <message>
        <source>consumable</source>
        <translation>расходный материал</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} и {last}</translation>
    </message>
    <message>
        <source>{first}, {second} and {last}</source>
        <translation>{first}, {second} и {last}</translation>
    </message>
    <message>
        <source>Only {available} of {product} (SKU {sku}) is available in {warehouse}</source>
        <translation>На складе «{warehouse}» доступно только {available} «{product}» (артикул {sku})</translation>
    </message>
    <message>
        <source>No {product} (SKU {sku}) is available in {warehouse}</source>
        <translation>На складе «{warehouse}» нет доступного «{product}» (артикул {sku})</translation>
    </message>
    <message>
        <source>{qty} more is PENDING</source>
        <translation>ещё {qty} ожидает ОТК</translation>
    </message>
    <message>
        <source>{qty} in QUARANTINE</source>
        <translation>{qty} в карантине</translation>
    </message>
    <message>
        <source>{qty} is reserved for other jobs</source>
        <translation>{qty} в резерве под другие работы</translation>
    </message>
    <message>
        <source>{head}. You asked to {verb} {requested}. Lower the quantity.</source>
        <translation>{head}. Вы хотите {verb} {requested}. Уменьшите количество.</translation>
    </message>
    <message>
        <source>{head}; {held}. You asked to {verb} {requested}. Lower the quantity, or ask quality control to approve pending lots.</source>
        <translation>{head}; {held}. Вы хотите {verb} {requested}. Уменьшите количество или попросите ОТК допустить ожидающие партии.</translation>
    </message>
    <message>
        <source>{head}; {held}. You asked to {verb} {requested}. Lower the quantity.</source>
        <translation>{head}; {held}. Вы хотите {verb} {requested}. Уменьшите количество.</translation>
    </message>
    <message>
        <source>Cannot do that</source>
        <translation>Невозможно выполнить</translation>
    </message>
    <message>
        <source>Please check the input</source>
        <translation>Проверьте введённые данные</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Не найдено</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Нет прав</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Не удалось войти</translation>
    </message>
    <message>
        <source>Password change required</source>
        <translation>Нужно сменить пароль</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Сеанс завершён</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Изменено другим пользователем</translation>
    </message>
    <message>
        <source>Move not allowed</source>
        <translation>Переход не разрешён</translation>
    </message>
    <message>
        <source>Not enough stock</source>
        <translation>Недостаточно запаса</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>База данных недоступна</translation>
    </message>
    <message>
        <source>The database cannot save now</source>
        <translation>База данных сейчас не может сохранять</translation>
    </message>
    <message>
        <source>Database version mismatch</source>
        <translation>Версия базы данных не подходит</translation>
    </message>
    <message>
        <source>Configuration problem</source>
        <translation>Ошибка настройки</translation>
    </message>
    <message>
        <source>Database file damaged</source>
        <translation>Файл базы данных повреждён</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверное имя пользователя или пароль.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. This account is locked for {minutes} more minute. Try again later or ask an administrator.</source>
        <translation>Слишком много неудачных попыток входа. Учётная запись заблокирована ещё на {minutes} мин. Попробуйте позже или обратитесь к администратору.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. This account is locked for {minutes} more minutes. Try again later or ask an administrator.</source>
        <translation>Слишком много неудачных попыток входа. Учётная запись заблокирована ещё на {minutes} мин. Попробуйте позже или обратитесь к администратору.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Введите имя пользователя и пароль.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Неверный пароль.</translation>
    </message>
    <message>
        <source>Choose a new password different from the current one.</source>
        <translation>Выберите новый пароль, отличный от текущего.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Текущий пароль указан неверно.</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>имя пользователя</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>полное имя</translation>
    </message>
    <message>
        <source>organisation name</source>
        <translation>название организации</translation>
    </message>
    <message>
        <source>The user name &apos;{username}&apos; is taken.</source>
        <translation>Имя пользователя «{username}» уже занято.</translation>
    </message>
    <message>
        <source>That part does not exist (any more).</source>
        <translation>Такой детали нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>Part {code} was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Деталь {code} тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>Planned quantity</source>
        <translation>Количество по плану</translation>
    </message>
    <message>
        <source>The planned quantity must be at least 1.</source>
        <translation>Количество по плану должно быть не меньше 1.</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>приоритет</translation>
    </message>
    <message>
        <source>A stage of the route does not exist (any more). Refresh and pick again.</source>
        <translation>Одной из операций маршрута больше нет. Обновите список и выберите снова.</translation>
    </message>
    <message>
        <source>drawing number (code)</source>
        <translation>номер чертежа (код)</translation>
    </message>
    <message>
        <source>part name</source>
        <translation>наименование детали</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>заказчик</translation>
    </message>
    <message>
        <source>A part with the code {code} already exists.</source>
        <translation>Деталь с кодом {code} уже существует.</translation>
    </message>
    <message>
        <source>{name} has facts recorded for part {code} and cannot be removed from its route. Correct or remove those facts first.</source>
        <translation>По операции «{name}» для детали {code} уже записаны факты, её нельзя убрать из маршрута. Сначала исправьте или удалите эти факты.</translation>
    </message>
    <message>
        <source>This route order breaks the flow rule: {reason}</source>
        <translation>Такой порядок маршрута нарушает правило потока: {reason}</translation>
    </message>
    <message>
        <source>Part {code} is already cancelled.</source>
        <translation>Деталь {code} уже отменена.</translation>
    </message>
    <message>
        <source>Part {code} is not cancelled.</source>
        <translation>Деталь {code} не отменена.</translation>
    </message>
    <message>
        <source>Part {code} has 1 stage fact recorded and cannot be deleted. Cancel it instead.</source>
        <translation>По детали {code} записан 1 факт выполнения операции, её нельзя удалить. Отмените её вместо удаления.</translation>
    </message>
    <message>
        <source>Part {code} has {facts} stage facts recorded and cannot be deleted. Cancel it instead.</source>
        <translation>По детали {code} записаны факты выполнения операций ({facts}), её нельзя удалить. Отмените её вместо удаления.</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>задачи</translation>
    </message>
    <message>
        <source>stock documents</source>
        <translation>складские документы</translation>
    </message>
    <message>
        <source>reservations</source>
        <translation>резервы</translation>
    </message>
    <message>
        <source>Part {code} is referred to by {what} and cannot be deleted. Cancel it instead.</source>
        <translation>На деталь {code} ссылаются {what}, её нельзя удалить. Отмените её вместо удаления.</translation>
    </message>
    <message>
        <source>Unknown part status in {values}.</source>
        <translation>Неизвестный статус детали в {values}.</translation>
    </message>
    <message>
        <source>Cannot sort parts by &apos;{sort}&apos;.</source>
        <translation>Нельзя отсортировать детали по «{sort}».</translation>
    </message>
    <message>
        <source>Unknown quality status &apos;{value}&apos;.</source>
        <translation>Неизвестный статус качества «{value}».</translation>
    </message>
    <message>
        <source>{product_name} is deactivated; reactivate it before receiving stock.</source>
        <translation>«{product_name}» отключён; включите его снова, прежде чем принимать запас.</translation>
    </message>
    <message>
        <source>Purchase order {number} is still a draft; send it to the supplier before receiving against it.</source>
        <translation>Заказ поставщику {number} ещё черновик; отправьте его поставщику, прежде чем принимать по нему товар.</translation>
    </message>
    <message>
        <source>Purchase order {number} is {status}; nothing can be received against it.</source>
        <translation>Заказ поставщику {number} в статусе «{status}»; по нему ничего нельзя принять.</translation>
    </message>
    <message>
        <source>quantity of receipt line {line}</source>
        <translation>количество в строке прихода {line}</translation>
    </message>
    <message>
        <source>Enter the quantity received on at least one line.</source>
        <translation>Укажите полученное количество хотя бы в одной строке.</translation>
    </message>
    <message>
        <source>{warehouse_name} is deactivated and cannot receive stock.</source>
        <translation>Склад «{warehouse_name}» отключён и не может принимать запас.</translation>
    </message>
    <message>
        <source>Receipt line {line} names a line that is not on {number} (any more).</source>
        <translation>Строка прихода {line} ссылается на строку, которой нет в {number} (возможно, её удалили).</translation>
    </message>
    <message>
        <source>The value of this receipt is too large; split it into several lots.</source>
        <translation>Сумма этого прихода слишком велика; разбейте его на несколько партий.</translation>
    </message>
    <message>
        <source>{product_name} is deactivated; reactivate it before receiving.</source>
        <translation>«{product_name}» отключён; включите его снова, прежде чем принимать.</translation>
    </message>
    <message>
        <source>{number} is not a receipt against a purchase order.</source>
        <translation>{number} — не приход по заказу поставщику.</translation>
    </message>
    <message>
        <source>reason for the return</source>
        <translation>причина возврата</translation>
    </message>
    <message>
        <source>Choose the rejected lots to return.</source>
        <translation>Выберите забракованные партии для возврата.</translation>
    </message>
    <message>
        <source>Lot {lot_id} was not received against a purchase order; use an adjustment instead.</source>
        <translation>Партия {lot_id} поступила не по заказу поставщику; используйте корректировку.</translation>
    </message>
    <message>
        <source>Lot {lot_number} was returned to the supplier already.</source>
        <translation>Партия {lot_number} уже возвращена поставщику.</translation>
    </message>
    <message>
        <source>Lot {lot_number} is {quality}; only REJECTED lots go back to the supplier. Ask quality control to reject it first.</source>
        <translation>Партия {lot_number} {quality}; поставщику возвращаются только забракованные партии. Попросите ОТК сначала забраковать её.</translation>
    </message>
    <message>
        <source>Lot {lot_number} has no stock left to return.</source>
        <translation>В партии {lot_number} не осталось запаса для возврата.</translation>
    </message>
    <message>
        <source>Line {line}: {error}</source>
        <translation>Строка {line}: {error}</translation>
    </message>
    <message>
        <source>Add at least one line to receive.</source>
        <translation>Добавьте хотя бы одну строку для оприходования.</translation>
    </message>
    <message>
        <source>A receipt holds at most {limit} lines; split the delivery note into several receipts.</source>
        <translation>В приходном документе не больше {limit} строк; разбейте накладную на несколько приходов.</translation>
    </message>
    <message>
        <source>That supplier does not exist (any more).</source>
        <translation>Такого поставщика нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>Choose a target warehouse other than the source.</source>
        <translation>Выберите склад назначения, отличный от склада-источника.</translation>
    </message>
    <message>
        <source>That lot is not stock of this product in the source warehouse.</source>
        <translation>Эта партия не относится к запасу этого товара на складе-источнике.</translation>
    </message>
    <message>
        <source>Lot {lot} has only {movable} that is not reserved in {warehouse}; you asked to transfer {qty}.</source>
        <translation>В партии {lot} на складе «{warehouse}» без резерва только {movable}; вы хотите переместить {qty}.</translation>
    </message>
    <message>
        <source>counted quantity</source>
        <translation>количество по пересчёту</translation>
    </message>
    <message>
        <source>reason for the adjustment</source>
        <translation>причина корректировки</translation>
    </message>
    <message>
        <source>{reserved} of lot {lot_number} is reserved ({holders}); the count cannot be lower than that. Release the reservation first.</source>
        <translation>{reserved} из партии {lot_number} зарезервировано ({holders}); пересчёт не может быть меньше. Сначала снимите резерв.</translation>
    </message>
    <message>
        <source>The count equals the recorded {on_hand}; there is nothing to adjust.</source>
        <translation>Пересчёт равен учтённому остатку {on_hand}; корректировать нечего.</translation>
    </message>
    <message>
        <source>Lot {lot_number} is already {value}.</source>
        <translation>Партия {lot_number} уже в статусе «{value}».</translation>
    </message>
    <message>
        <source>{reserved} of lot {lot_number} is reserved ({holders}). Release those reservations first, then set the lot to {value}.</source>
        <translation>{reserved} из партии {lot_number} зарезервировано ({holders}). Сначала снимите эти резервы, затем переведите партию в статус «{value}».</translation>
    </message>
    <message>
        <source>Select the lots first.</source>
        <translation>Сначала выберите партии.</translation>
    </message>
    <message>
        <source>Select at most {limit} lots at a time.</source>
        <translation>Выберите не больше {limit} партий за раз.</translation>
    </message>
    <message>
        <source>order reference</source>
        <translation>номер заказа</translation>
    </message>
    <message>
        <source>Choose the part, or enter the order the stock is reserved for.</source>
        <translation>Выберите деталь или укажите заказ, под который резервируется запас.</translation>
    </message>
    <message>
        <source>That reservation does not exist (any more).</source>
        <translation>Такого резерва нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>This reservation was already {status}; nothing to do.</source>
        <translation>Этот резерв уже в статусе «{status}»; делать нечего.</translation>
    </message>
    <message>
        <source>This reservation holds only {held}; you asked to issue {qty}.</source>
        <translation>В этом резерве только {held}; вы хотите отпустить {qty}.</translation>
    </message>
    <message>
        <source>This {what} was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Эту запись ({what}) тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>it was ended</source>
        <translation>он был завершён</translation>
    </message>
    <message>
        <source>Your session has ended ({reason}). Please sign in again.</source>
        <translation>Ваш сеанс завершён ({reason}). Войдите снова.</translation>
    </message>
    <message>
        <source>The connection to the database was lost. Check the network or ask your administrator whether the server is running, then try again.{outcome}</source>
        <translation>Соединение с базой данных потеряно. Проверьте сеть или узнайте у администратора, работает ли сервер, затем повторите попытку.{outcome}</translation>
    </message>
    <message>
        <source>Cannot reach the database server. Check that the network is up, or ask your administrator whether the server is running, then try again.{outcome}</source>
        <translation>Не удаётся связаться с сервером базы данных. Проверьте сеть или узнайте у администратора, работает ли сервер, затем повторите попытку.{outcome}</translation>
    </message>
    <message>
        <source>The database server is full: it takes no more connections just now. Ask your administrator to raise max_connections or to use the connection pooler (see the README), then try again.{outcome}</source>
        <translation>Сервер базы данных переполнен: сейчас он не принимает новых подключений. Попросите администратора увеличить max_connections или использовать пул соединений (см. README), затем повторите попытку.{outcome}</translation>
    </message>
    <message>
        <source> Nothing was saved.</source>
        <translation> Ничего не сохранено.</translation>
    </message>
    <message>
        <source> It went while your change was being saved, so it may have been saved: look for it before you enter it again.</source>
        <translation> Это случилось во время сохранения, поэтому изменение могло сохраниться: проверьте, прежде чем вводить его снова.</translation>
    </message>
    <message>
        <source>Someone else changed this record while you were editing it. The latest values have been loaded; check them and make your change again.</source>
        <translation>Пока вы редактировали запись, её изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>The database is busy with another desktop&apos;s change. Try again in a moment.</source>
        <translation>База данных занята изменением с другого рабочего места. Повторите попытку через мгновение.</translation>
    </message>
    <message>
        <source>Journal records cannot be changed or deleted; record a correction instead.</source>
        <translation>Записи журнала нельзя изменять или удалять; вместо этого запишите исправление.</translation>
    </message>
    <message>
        <source>The database did not answer in time: this desktop&apos;s connection stayed busy with other work (a long report or search). Try again in a moment.{outcome}</source>
        <translation>База данных не ответила вовремя: соединение этого рабочего места было занято другой работой (долгий отчёт или поиск). Повторите через минуту.{outcome}</translation>
    </message>
    <message>
        <source>The database file is damaged: part of it cannot be read, so this could not be done. Nothing was saved. Restore the latest backup: File &gt; Restore from backup (an administrator), then enter what was recorded after that backup again.</source>
        <translation>Файл базы данных повреждён: часть его не читается, поэтому действие не выполнено. Ничего не сохранено. Восстановите последнюю резервную копию: Файл &gt; Восстановить из резервной копии (администратор), затем введите заново то, что было записано после неё.</translation>
    </message>
    <message>
        <source>The database refused this change: your role may not make it. Nothing was saved. Ask an administrator if you need to.</source>
        <translation>База данных отклонила изменение: вашей роли это не разрешено. Ничего не сохранено. Если это нужно, обратитесь к администратору.</translation>
    </message>
    <message>
        <source>The database has been upgraded and this copy of erp-desktop no longer fits it. Install the new version (or restart the app if it is already installed).</source>
        <translation>База данных обновлена, и эта копия erp-desktop ей больше не подходит. Установите новую версию (или перезапустите программу, если она уже установлена).</translation>
    </message>
    <message>
        <source>A desktop works in READ COMMITTED transactions only.</source>
        <translation>Рабочее место работает только в транзакциях READ COMMITTED.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ваш сеанс завершён. Войдите снова.</translation>
    </message>
    <message>
        <source>Change your password before you continue.</source>
        <translation>Прежде чем продолжить, смените пароль.</translation>
    </message>
    <message>
        <source>Your role may not do that ({v0}).</source>
        <translation>Вашей роли это не разрешено ({v0}).</translation>
    </message>
    <message>
        <source>Enter a password that is not only spaces.</source>
        <translation>Введите пароль, состоящий не только из пробелов.</translation>
    </message>
    <message>
        <source>A password needs at least {v0} characters.</source>
        <translation>Пароль слишком короткий: нужно не менее {v0} симв.</translation>
    </message>
    <message>
        <source>A password can be at most 72 bytes long (fewer letters in Cyrillic).</source>
        <translation>Пароль может занимать не более 72 байт (кириллицей — меньше букв).</translation>
    </message>
    <message>
        <source>That user does not exist (any more).</source>
        <translation>Такого пользователя нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>This user was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Этого пользователя тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>Unknown role &apos;{v0}&apos;.</source>
        <translation>Неизвестная роль «{v0}».</translation>
    </message>
    <message>
        <source>The user name &apos;{v0}&apos; is taken. Choose another.</source>
        <translation>Имя пользователя «{v0}» уже занято. Выберите другое.</translation>
    </message>
    <message>
        <source>This database already has users; ask an administrator to create your account.</source>
        <translation>В этой базе уже есть пользователи; попросите администратора создать вам учётную запись.</translation>
    </message>
    <message>
        <source>Your role may not record a {v0} movement.</source>
        <translation>Вашей роли нельзя записывать движение вида «{v0}».</translation>
    </message>
    <message>
        <source>A movement must carry its lot&apos;s product, warehouse and unit cost, and value = qty x cost.</source>
        <translation>Движение должно нести товар, склад и цену своей партии, а сумма должна равняться количеству, умноженному на цену.</translation>
    </message>
    <message>
        <source>This {v0} movement does not fit the ledger&apos;s rules.</source>
        <translation>Это движение вида «{v0}» не соответствует правилам учёта.</translation>
    </message>
    <message>
        <source>No stock position for this movement.</source>
        <translation>Для этого движения нет складской позиции.</translation>
    </message>
    <message>
        <source>An older approved lot of this stock is still available: take stock oldest first.</source>
        <translation>Есть более старая допущенная партия этого запаса: списывайте сначала самые старые.</translation>
    </message>
    <message>
        <source>Stock changes only through the movement journal.</source>
        <translation>Остатки меняются только через журнал движений.</translation>
    </message>
    <message>
        <source>A new task starts open.</source>
        <translation>Новая задача создаётся в статусе «Открыта».</translation>
    </message>
    <message>
        <source>A task&apos;s assignee changes only by accepting it.</source>
        <translation>Исполнитель задачи меняется только при её принятии.</translation>
    </message>
    <message>
        <source>A task cannot move from {v0} to {v1}.</source>
        <translation>Задачу нельзя перевести из состояния «{v0}» в «{v1}».</translation>
    </message>
    <message>
        <source>You may not {v0} this task.</source>
        <translation>Вам нельзя {v0} эту задачу.</translation>
    </message>
    <message>
        <source>Only a quality inspector may set a lot&apos;s quality status.</source>
        <translation>Статус качества партии может менять только контролёр ОТК.</translation>
    </message>
    <message>
        <source>A task&apos;s creator never changes.</source>
        <translation>Создатель задачи не меняется.</translation>
    </message>
    <message>
        <source>Order line {v0} would hold {v1}: more than the ordered {v2} allows (at most {v3}).</source>
        <translation>По строке заказа {v0} было бы получено {v1}: больше, чем допускает заказанное количество {v2} (не более {v3}).</translation>
    </message>
    <message>
        <source>Order line {v0} holds {v1}, but its receipts less its returns are {v2}.</source>
        <translation>По строке заказа {v0} учтено {v1}, но приходы за вычетом возвратов составляют {v2}.</translation>
    </message>
    <message>
        <source>The database is read-only just now (a fail-over to a standby server?). Nothing was saved. Try again later, or ask your administrator.</source>
        <translation>База данных сейчас доступна только для чтения (переключение на резервный сервер?). Ничего не сохранено. Повторите попытку позже или обратитесь к администратору.</translation>
    </message>
    <message>
        <source>The database server is out of disk space. Nothing was saved. Ask your administrator to free space on the server, then try again.</source>
        <translation>На сервере базы данных закончилось место на диске. Ничего не сохранено. Попросите администратора освободить место на сервере, затем повторите попытку.</translation>
    </message>
    <message>
        <source>A record with the same code or name already exists. Use a different one.</source>
        <translation>Запись с таким кодом или названием уже существует. Укажите другой.</translation>
    </message>
    <message>
        <source>This record is still referenced by other records, or refers to one that does not exist.</source>
        <translation>На эту запись ещё ссылаются другие записи, или она ссылается на несуществующую.</translation>
    </message>
    <message>
        <source>The values break a rule of the database (for example a quantity below zero). Nothing was saved.</source>
        <translation>Значения нарушают правило базы данных (например, количество меньше нуля). Ничего не сохранено.</translation>
    </message>
    <message>
        <source>The database refused the change. Nothing was saved.</source>
        <translation>База данных отклонила изменение. Ничего не сохранено.</translation>
    </message>
    <message>
        <source>Other desktops are changing the same records right now. Try again in a moment.</source>
        <translation>Эти же записи сейчас изменяют с других рабочих мест. Повторите попытку через мгновение.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <source>Something went wrong that the program did not expect. Nothing was saved.
The details are in the log file; please pass them on to your administrator.</source>
        <translation>Произошла ошибка, которой программа не ожидала. Ничего не сохранено.
Подробности записаны в журнал; передайте их администратору.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Скопировать подробности</translation>
    </message>
    <message>
        <source>{key} was changed by someone else during the import. Nothing was imported; check the file again and import it.</source>
        <translation>{key}: запись изменил другой пользователь во время импорта. Ничего не импортировано; проверьте файл ещё раз и импортируйте его.</translation>
    </message>
    <message>
        <source>Stock of the file was moved by someone else during the import. Nothing was imported; check the file again and import it.</source>
        <translation>Во время импорта другой пользователь провёл движение по запасам из файла. Ничего не импортировано; проверьте файл ещё раз и импортируйте его.</translation>
    </message>
    <message>
        <source>Import not possible</source>
        <translation>Импорт невозможен</translation>
    </message>
    <message>
        <source>The file has {count} errors; nothing was imported. Run the check and correct them.</source>
        <translation>В файле ошибок: {count}; ничего не импортировано. Запустите проверку и исправьте их.</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Импорт отменён</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Импорт отменён; ничего не импортировано.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date; enter it as dd.mm.yyyy.</source>
        <translation>«{value}» — не дата; укажите её в виде дд.мм.гггг.</translation>
    </message>
    <message>
        <source>A SKU cannot contain spaces (a barcode scanner types it).</source>
        <translation>Артикул не может содержать пробелы (его вводит сканер штрихкодов).</translation>
    </message>
    <message>
        <source>No column is chosen for &quot;{field}&quot;; choose the column that holds it.</source>
        <translation>Для поля «{field}» не выбран столбец; выберите столбец, где оно указано.</translation>
    </message>
    <message>
        <source>{value} is already in row {row} of this sheet; each code may appear only once.</source>
        <translation>{value} уже есть в строке {row} этого листа; каждый код может встречаться только один раз.</translation>
    </message>
    <message>
        <source>warehouse code</source>
        <translation>код склада</translation>
    </message>
    <message>
        <source>warehouse name</source>
        <translation>название склада</translation>
    </message>
    <message>
        <source>supplier name</source>
        <translation>название поставщика</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>контакт</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>product name</source>
        <translation>наименование товара</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>единица измерения</translation>
    </message>
    <message>
        <source>category</source>
        <translation>категория</translation>
    </message>
    <message>
        <source>material grade</source>
        <translation>марка материала</translation>
    </message>
    <message>
        <source>size</source>
        <translation>размер</translation>
    </message>
    <message>
        <source>minimum level</source>
        <translation>минимальный остаток</translation>
    </message>
    <message>
        <source>A part needs at least one stage in its route.</source>
        <translation>В маршруте детали должна быть хотя бы одна операция.</translation>
    </message>
    <message>
        <source>There is no stage with the code {code}. Stage codes: {codes}.</source>
        <translation>Нет операции с кодом {code}. Коды операций: {codes}.</translation>
    </message>
    <message>
        <source>The stage {name} is no longer in use and cannot be added to a route.</source>
        <translation>Операция «{name}» больше не используется, её нельзя добавить в маршрут.</translation>
    </message>
    <message>
        <source>A stage can appear only once in a route.</source>
        <translation>Операция может встречаться в маршруте только один раз.</translation>
    </message>
    <message>
        <source>deadline</source>
        <translation>срок</translation>
    </message>
    <message>
        <source>Part {code} already has another route; an import does not change routes. Change it in the part&apos;s window.</source>
        <translation>У детали {code} уже другой маршрут; импорт маршруты не меняет. Измените его в карточке детали.</translation>
    </message>
    <message>
        <source>There is no product with the SKU {value}: add it to the products sheet or create it first.</source>
        <translation>Нет номенклатуры с артикулом {value}: добавьте её на лист номенклатуры или создайте заранее.</translation>
    </message>
    <message>
        <source>There is no warehouse with the code {value}: add it to the warehouses sheet or create it first.</source>
        <translation>Нет склада с кодом {value}: добавьте его на лист складов или создайте заранее.</translation>
    </message>
    <message>
        <source>There is no supplier named {value}: add it to the suppliers sheet or create it first.</source>
        <translation>Нет поставщика «{value}»: добавьте его на лист поставщиков или создайте заранее.</translation>
    </message>
    <message>
        <source>lot number</source>
        <translation>номер партии</translation>
    </message>
    <message>
        <source>certificate or heat number</source>
        <translation>номер сертификата или плавки</translation>
    </message>
    <message>
        <source>Lot {lot} was already recorded with other values (quantity {qty}, unit cost {cost}, received {received}); stock is corrected with an adjustment, not by importing it again.</source>
        <translation>Партия {lot} уже учтена с другими значениями (количество {qty}, цена {cost}, поступила {received}); остатки исправляют корректировкой, а не повторным импортом.</translation>
    </message>
    <message>
        <source>The received date cannot be earlier than the last movement of this stock ({latest}).</source>
        <translation>Дата поступления не может быть раньше последнего движения этого запаса ({latest}).</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>ревизия</translation>
    </message>
    <message>
        <source>This cell is required; fill it in.</source>
        <translation>Эта ячейка обязательна; заполните её.</translation>
    </message>
    <message>
        <source>received date</source>
        <translation>дата поступления</translation>
    </message>
    <message>
        <source>The received date cannot be in the future.</source>
        <translation>Дата поступления не может быть в будущем.</translation>
    </message>
    <message>
        <source>Unknown quality status &apos;{value}&apos;. Choose one of: {choices}.</source>
        <translation>Неизвестный статус качества «{value}». Выберите один из: {choices}.</translation>
    </message>
    <message>
        <source>{name} cannot be read as an Excel workbook ({reason}).</source>
        <translation>{name} не удаётся прочитать как книгу Excel ({reason}).</translation>
    </message>
    <message>
        <source>{name} cannot be opened ({reason}).</source>
        <translation>{name} не удаётся открыть ({reason}).</translation>
    </message>
    <message>
        <source>{name} is too large to import (over 200 MB).</source>
        <translation>{name} слишком велик для импорта (больше 200 МБ).</translation>
    </message>
    <message>
        <source>{name}: only CSV (.csv) and Excel (.xlsx) files can be imported.</source>
        <translation>{name}: импортировать можно только файлы CSV (.csv) и Excel (.xlsx).</translation>
    </message>
    <message>
        <source>{name} has no rows to import.</source>
        <translation>В {name} нет строк для импорта.</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>принять</translation>
    </message>
    <message>
        <source>start</source>
        <translation>начать</translation>
    </message>
    <message>
        <source>send to review</source>
        <translation>отправить на проверку</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>утвердить</translation>
    </message>
    <message>
        <source>send back</source>
        <translation>вернуть на доработку</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>отменить</translation>
    </message>
    <message>
        <source>open</source>
        <translation>открыта</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <source>review</source>
        <translation>на проверке</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнена</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменена</translation>
    </message>
    <message>
        <source>This task is already {status}; it cannot {done} any more.</source>
        <translation>Задача уже {status}; её больше нельзя {done}.</translation>
    </message>
    <message>
        <source>This task is {status}; it can {done} only when it is {allowed}.</source>
        <translation>Задача {status}; её можно {done}, только когда она {allowed}.</translation>
    </message>
    <message>
        <source>Only a member of the role {role} can {verb} this task</source>
        <translation>Только пользователь с ролью «{role}» может {verb} эту задачу</translation>
    </message>
    <message>
        <source>Only the assignee can {verb} this task</source>
        <translation>Только исполнитель может {verb} эту задачу</translation>
    </message>
    <message>
        <source>Only the task&apos;s creator or a reviewer ({roles}) can {verb} this task</source>
        <translation>Только автор задачи или проверяющий ({roles}) может {verb} эту задачу</translation>
    </message>
    <message>
        <source>You cannot {verb} your own work; the task&apos;s creator or another reviewer must review it</source>
        <translation>Нельзя {verb} собственную работу; её должен проверить автор задачи или другой проверяющий</translation>
    </message>
    <message>
        <source>Only the task&apos;s creator or an administrator can {verb} this task</source>
        <translation>Только автор задачи или администратор может {verb} эту задачу</translation>
    </message>
    <message>
        <source>This task is finished; it cannot be edited any more.</source>
        <translation>Задача завершена; изменить её уже нельзя.</translation>
    </message>
    <message>
        <source>Only the task&apos;s creator, a foreman, a production manager or an administrator can edit this task.</source>
        <translation>Изменить эту задачу может только её автор, мастер участка, начальник производства или администратор.</translation>
    </message>
    <message>
        <source>be accepted</source>
        <translation>принять</translation>
    </message>
    <message>
        <source>be started</source>
        <translation>начать</translation>
    </message>
    <message>
        <source>be sent to review</source>
        <translation>отправить на проверку</translation>
    </message>
    <message>
        <source>be approved</source>
        <translation>утвердить</translation>
    </message>
    <message>
        <source>be sent back</source>
        <translation>вернуть на доработку</translation>
    </message>
    <message>
        <source>be cancelled</source>
        <translation>отменить</translation>
    </message>
    <message>
        <source>Unknown task move &apos;{move}&apos;.</source>
        <translation>Неизвестное действие с задачей «{move}».</translation>
    </message>
    <message>
        <source>{reason}.</source>
        <translation>{reason}.</translation>
    </message>
    <message>
        <source>Write a comment to {verb} the task: say what needs to be done.</source>
        <translation>Чтобы {verb} задачу, напишите комментарий: что нужно сделать.</translation>
    </message>
    <message>
        <source>Task #{task_id} does not exist (any more).</source>
        <translation>Задачи №{task_id} нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>task title</source>
        <translation>название задачи</translation>
    </message>
    <message>
        <source>Unknown task category &apos;{category}&apos;.</source>
        <translation>Неизвестная категория задачи «{category}».</translation>
    </message>
    <message>
        <source>Assign the task either to a person or to a role.</source>
        <translation>Назначьте задачу либо человеку, либо роли.</translation>
    </message>
    <message>
        <source>Unknown role &apos;{assignee_role}&apos;.</source>
        <translation>Неизвестная роль «{assignee_role}».</translation>
    </message>
    <message>
        <source>Viewers cannot work on tasks; choose another role.</source>
        <translation>Наблюдатели не работают с задачами; выберите другую роль.</translation>
    </message>
    <message>
        <source>The due date must be a date.</source>
        <translation>Срок должен быть датой.</translation>
    </message>
    <message>
        <source>The chosen assignee does not exist or is deactivated.</source>
        <translation>Выбранного исполнителя нет или он отключён.</translation>
    </message>
    <message>
        <source>{name} is a viewer and cannot work on tasks.</source>
        <translation>{name} — наблюдатель и не может работать с задачами.</translation>
    </message>
    <message>
        <source>The chosen part does not exist (any more).</source>
        <translation>Выбранной детали нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>This task was accepted already, so it can go to another person but not to a role (nobody in the role could carry on with it).</source>
        <translation>Эту задачу уже приняли, поэтому её можно передать другому человеку, но не роли (никто в роли не смог бы продолжить работу над ней).</translation>
    </message>
    <message>
        <source>Nothing was changed; there is nothing to save.</source>
        <translation>Ничего не изменено; сохранять нечего.</translation>
    </message>
    <message>
        <source>Task #{task_id} was changed by someone else a moment ago. The board shows its current state now; check it and try again.</source>
        <translation>Задачу №{task_id} только что изменил кто-то другой. Доска теперь показывает её текущее состояние; проверьте его и повторите попытку.</translation>
    </message>
    <message>
        <source>number of days</source>
        <translation>число дней</translation>
    </message>
    <message>
        <source>Line {line} of {order} ({sku}): ordered {ordered}, received {received}; at most {open} more can be received (tolerance {pct} %). You entered {asked}.</source>
        <translation>Строка {line} заказа {order} ({sku}): заказано {ordered}, получено {received}; принять можно ещё не более {open} (допуск {pct} %). Вы ввели {asked}.</translation>
    </message>
    <message>
        <source>Only receipts, issues and transfers have a printed document; choose a row of one of those.</source>
        <translation>Печатный документ есть только у поступлений, отпусков и перемещений; выберите строку одного из них.</translation>
    </message>
    <message>
        <source>This BOM would contain itself: {path}. Remove the line that closes the loop.</source>
        <translation>Спецификация содержала бы саму себя: {path}. Удалите строку, замыкающую цикл.</translation>
    </message>
    <message>
        <source>Unknown {param}={value}: use one of {modes}.</source>
        <translation>Неизвестное значение {param}={value}: используйте одно из: {modes}.</translation>
    </message>
    <message>
        <source>Unsupported database &apos;{backend}&apos;. Use a sqlite:/// path or a postgresql:// URL.</source>
        <translation>База данных «{backend}» не поддерживается. Укажите путь sqlite:/// или адрес postgresql://.</translation>
    </message>
    <message>
        <source>The database is at schema revision {current}, which is newer than this copy of erp-desktop knows (newest known: {head}). Install the newer version of erp-desktop on this desktop.</source>
        <translation>Схема базы данных имеет версию {current}, более новую, чем знает эта копия erp-desktop (последняя известная: {head}). Установите на это рабочее место новую версию erp-desktop.</translation>
    </message>
    <message>
        <source>The database is empty. An administrator prepares it once with:
    erp-desktop db upgrade --database &lt;URL&gt;
then creates the first user with erp-desktop create-admin.</source>
        <translation>База данных пуста. Администратор один раз готовит её командой:
    erp-desktop db upgrade --database &lt;URL&gt;
затем создаёт первого пользователя командой erp-desktop create-admin.</translation>
    </message>
    <message>
        <source>The database is at an older schema revision ({current}; this version needs {head}). An administrator upgrades it with:
    erp-desktop db upgrade --database &lt;URL&gt;</source>
        <translation>Схема базы данных устарела ({current}; этой версии нужна {head}). Администратор обновляет её командой:
    erp-desktop db upgrade --database &lt;URL&gt;</translation>
    </message>
    <message>
        <source>The database file {path} is in use: by another erp-desktop window or program, or by this window still loading a view. Close other erp-desktop windows and try again in a moment.</source>
        <translation>Файл базы данных {path} занят: другим окном erp-desktop или другой программой либо этим окном, которое ещё загружает данные. Закройте другие окна erp-desktop и повторите попытку через мгновение.</translation>
    </message>
    <message>
        <source>{label} must be a whole number.</source>
        <translation>«{label}»: нужно целое число.</translation>
    </message>
    <message>
        <source>{label} cannot be below zero.</source>
        <translation>«{label}» не может быть меньше нуля.</translation>
    </message>
    <message>
        <source>{label} of {value} is not plausible; check the number (at most {MAX_QTY}).</source>
        <translation>«{label}» {value} неправдоподобно; проверьте число (не более {MAX_QTY}).</translation>
    </message>
    <message>
        <source>{label} must be a whole number, not {value}.</source>
        <translation>«{label}»: нужно целое число, а не {value}.</translation>
    </message>
    <message>
        <source>Unknown shift &apos;{value}&apos;. Choose day or night.</source>
        <translation>Неизвестная смена «{value}». Выберите дневную или ночную.</translation>
    </message>
    <message>
        <source>Good quantity</source>
        <translation>Годных</translation>
    </message>
    <message>
        <source>Scrap quantity</source>
        <translation>Брака</translation>
    </message>
    <message>
        <source>Enter a good or a scrap quantity; both cannot be zero.</source>
        <translation>Укажите количество годных или брака; оба не могут быть нулевыми.</translation>
    </message>
    <message>
        <source>Enter the date of the work.</source>
        <translation>Укажите дату работы.</translation>
    </message>
    <message>
        <source>The date {date} is in the future; facts are recorded for work already done.</source>
        <translation>Дата {date} в будущем; факты записываются только за уже выполненную работу.</translation>
    </message>
    <message>
        <source>{stage_name} is recorded per shift: choose day or night.</source>
        <translation>Операция «{stage_name}» учитывается по сменам: выберите дневную или ночную.</translation>
    </message>
    <message>
        <source>{stage_name} is recorded per operator: choose the operator.</source>
        <translation>Операция «{stage_name}» учитывается по операторам: выберите оператора.</translation>
    </message>
    <message>
        <source>a NUL character</source>
        <translation>нулевой символ (NUL)</translation>
    </message>
    <message>
        <source>a broken character (an unpaired surrogate)</source>
        <translation>испорченный символ (непарный суррогат)</translation>
    </message>
    <message>
        <source>The {label} contains {odd}, which cannot be saved or searched for. Delete it and type the text again.</source>
        <translation>Поле «{label}» содержит {odd}: такое нельзя сохранить или найти. Удалите его и введите текст заново.</translation>
    </message>
    <message>
        <source>Enter the {label}.</source>
        <translation>Заполните поле «{label}».</translation>
    </message>
    <message>
        <source>The {label} can be at most {max_len} characters; this one has {length}.</source>
        <translation>Поле «{label}» может содержать не более {max_len} симв.; сейчас в нём {length}.</translation>
    </message>
    <message>
        <source>search text</source>
        <translation>текст поиска</translation>
    </message>
    <message>
        <source>&apos;{value}...&apos; is not a number; enter the {label} as digits.</source>
        <translation>«{value}...» — не число; введите «{label}» цифрами.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a number; enter the {label} as digits.</source>
        <translation>«{value}» — не число; введите «{label}» цифрами.</translation>
    </message>
    <message>
        <source>Enter the {label} as a finite number.</source>
        <translation>Введите «{label}» конечным числом.</translation>
    </message>
    <message>
        <source>The {label} must be between {lo} and {hi}.</source>
        <translation>Значение поля «{label}» должно быть от {lo} до {hi}.</translation>
    </message>
    <message>
        <source>The {label} can have at most {places} decimal places.</source>
        <translation>В поле «{label}» допускается знаков после запятой: не более {places}.</translation>
    </message>
    <message>
        <source>The {label} must be a whole number, not {value}.</source>
        <translation>В поле «{label}» нужно целое число, а не {value}.</translation>
    </message>
    <message>
        <source>That {what} does not exist (any more).</source>
        <translation>Такой записи ({what}) нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>password</source>
        <translation>пароль</translation>
    </message>
    <message>
        <source>The password needs at least {min_length} characters.</source>
        <translation>Пароль слишком короткий: нужно не менее {min_length} симв.</translation>
    </message>
    <message>
        <source>The password cannot be only spaces; use letters, digits or signs too.</source>
        <translation>Пароль не может состоять только из пробелов; используйте также буквы, цифры или знаки.</translation>
    </message>
    <message>
        <source>The password is too long: at most {PASSWORD_MAX_BYTES} bytes fit (72 Latin letters or digits, 36 Cyrillic letters); this one has {size}.</source>
        <translation>Пароль слишком длинный: помещается не более {PASSWORD_MAX_BYTES} байт (72 латинские буквы или цифры, 36 букв кириллицы); в этом {size}.</translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>Пароль не должен совпадать с именем пользователя.</translation>
    </message>
    <message>
        <source>Choose at least one thing to print labels for.</source>
        <translation>Выберите хотя бы один объект для печати этикеток.</translation>
    </message>
    <message>
        <source>Could not start printing. Check the printer or the file and try again.</source>
        <translation>Не удалось начать печать. Проверьте принтер или файл и повторите попытку.</translation>
    </message>
    <message>
        <source>The printer refused a new page. Check the printer and try again.</source>
        <translation>Принтер не принял новую страницу. Проверьте принтер и повторите попытку.</translation>
    </message>
    <message>
        <source>Could not write {path_}. Choose another folder and try again.</source>
        <translation>Не удалось записать {path_}. Выберите другую папку и повторите попытку.</translation>
    </message>
    <message>
        <source>The server at {where} refused the user name or password for &apos;{username}&apos;. Open Connection... and enter the right database password.</source>
        <translation>Сервер {where} отклонил имя пользователя или пароль для «{username}». Откройте «Подключение...» и введите правильный пароль базы данных.</translation>
    </message>
    <message>
        <source>The server at {where} has no database &apos;{database}&apos;. Check the name in Connection..., or ask your administrator to create it.</source>
        <translation>На сервере {where} нет базы данных «{database}». Проверьте имя в «Подключение...» или попросите администратора создать её.</translation>
    </message>
    <message>
        <source>Cannot open the database file {database}: {reason}.</source>
        <translation>Не удаётся открыть файл базы данных {database}: {reason}.</translation>
    </message>
    <message>
        <source>Cannot reach the database server at {where}. Check that the server is running and the network is up, or fix the address in Connection..., then try again.</source>
        <translation>Не удаётся связаться с сервером базы данных {where}. Проверьте, что сервер работает и сеть доступна, или исправьте адрес в «Подключение...», затем повторите попытку.</translation>
    </message>
    <message>
        <source>The database address is not valid: {error}</source>
        <translation>Неверный адрес базы данных: {error}</translation>
    </message>
    <message>
        <source>Cannot write the backup {target}: {reason}.</source>
        <translation>Не удаётся записать резервную копию {target}: {reason}.</translation>
    </message>
    <message>
        <source>Restore the latest backup, taken {taken} ({name}): Restore from backup, or erp-desktop db restore on the command line. What was recorded after it must be entered again.</source>
        <translation>Восстановите последнюю резервную копию от {taken} ({name}): «Восстановить из резервной копии» или erp-desktop db restore в командной строке. Записанное после неё придётся ввести заново.</translation>
    </message>
    <message>
        <source>No backup of it was found in {folder}. Put a good copy of the file in its place, or move the file away to start with a new, empty database.</source>
        <translation>Резервных копий не найдено в {folder}. Положите на его место исправную копию файла или уберите файл, чтобы начать с новой пустой базы.</translation>
    </message>
    <message>
        <source>The database file {database} {problem}. It was not opened, so nothing in it has been changed. {advice}</source>
        <translation>Файл базы данных {database}: {problem}. Он не был открыт, поэтому в нём ничего не изменено. {advice}</translation>
    </message>
    <message>
        <source>Only the embedded database file is restored here. A PostgreSQL database is restored on the server with pg_restore (see README).</source>
        <translation>Здесь восстанавливается только встроенный файл базы данных. Базу PostgreSQL восстанавливают на сервере через pg_restore (см. README).</translation>
    </message>
    <message>
        <source>The backup {backup} cannot be read ({error}). Choose another one.</source>
        <translation>Резервную копию {backup} не удаётся прочитать ({error}). Выберите другую.</translation>
    </message>
    <message>
        <source>There is no backup file {backup}.</source>
        <translation>Файла резервной копии {backup} нет.</translation>
    </message>
    <message>
        <source>The backup {backup} {problem}. Choose another one.</source>
        <translation>Резервная копия {backup}: {problem}. Выберите другую.</translation>
    </message>
    <message>
        <source>{backup} is not an erp-desktop database. Choose one of its backups.</source>
        <translation>{backup} — не база данных erp-desktop. Выберите одну из её резервных копий.</translation>
    </message>
    <message>
        <source>The backup {backup} was made by a newer version of erp-desktop (schema {revision}). Install that version to restore it.</source>
        <translation>Резервная копия {backup} сделана более новой версией erp-desktop (схема {revision}). Установите эту версию, чтобы восстановить её.</translation>
    </message>
    <message>
        <source>There is no database file {database} to back up.</source>
        <translation>Нет файла базы данных {database} для резервного копирования.</translation>
    </message>
    <message>
        <source>Only SQLite files and PostgreSQL databases can be backed up.</source>
        <translation>Резервно копировать можно только файлы SQLite и базы PostgreSQL.</translation>
    </message>
    <message>
        <source>pg_dump is not installed on this computer, so the PostgreSQL database cannot be backed up from here. Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; Windows: the PostgreSQL installer&apos;s command line tools) or run pg_dump on the server (see README).</source>
        <translation>На этом компьютере не установлен pg_dump, поэтому отсюда нельзя сделать резервную копию базы PostgreSQL. Установите клиентские программы PostgreSQL (Debian/Ubuntu: apt install postgresql-client; Windows: инструменты командной строки из установщика PostgreSQL) или запустите pg_dump на сервере (см. README).</translation>
    </message>
    <message>
        <source>pg_dump failed: {reason}. Back up as a superuser: row-level security hides rows from other logins (see README: Backups).</source>
        <translation>Ошибка pg_dump: {reason}. Делайте резервную копию от имени суперпользователя: защита на уровне строк скрывает строки от других учётных записей (см. README: Backups).</translation>
    </message>
    <message>
        <source>pg_dump failed: {reason}.</source>
        <translation>Ошибка pg_dump: {reason}.</translation>
    </message>
    <message>
        <source>Failed sign-ins before a lockout</source>
        <translation>Неудачных попыток входа до блокировки</translation>
    </message>
    <message>
        <source>Lockout minutes</source>
        <translation>Минут блокировки</translation>
    </message>
    <message>
        <source>Idle minutes before the window locks</source>
        <translation>Минут бездействия до блокировки окна</translation>
    </message>
    <message>
        <source>Minimum password length</source>
        <translation>Минимальная длина пароля</translation>
    </message>
    <message>
        <source>{label}: enter a whole number from {low} to {high}.</source>
        <translation>{label}: введите целое число от {low} до {high}.</translation>
    </message>
    <message>
        <source>The settings were changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Настройки тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>ended by an administrator</source>
        <translation>завершён администратором</translation>
    </message>
    <message>
        <source>A user name is one word (no spaces).</source>
        <translation>Имя пользователя — одно слово (без пробелов).</translation>
    </message>
    <message>
        <source>Unknown role &apos;{role}&apos;.</source>
        <translation>Неизвестная роль «{role}».</translation>
    </message>
    <message>
        <source>The user name &apos;{username}&apos; is taken. Choose another.</source>
        <translation>Имя пользователя «{username}» уже занято. Выберите другое.</translation>
    </message>
    <message>
        <source>user</source>
        <translation>пользователь</translation>
    </message>
    <message>
        <source>This is the last active administrator; make someone else an administrator first.</source>
        <translation>Это последний активный администратор; сначала назначьте администратором кого-то другого.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>Нельзя отключить самого себя.</translation>
    </message>
    <message>
        <source>This is the last active administrator and cannot be deactivated.</source>
        <translation>Это последний активный администратор, его нельзя отключить.</translation>
    </message>
    <message>
        <source>account deactivated</source>
        <translation>учётная запись отключена</translation>
    </message>
    <message>
        <source>session</source>
        <translation>сеанс</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>That session does not exist.</source>
        <translation>Такого сеанса нет.</translation>
    </message>
    <message>
        <source>A number is outside the range the database can store. Check the numbers you entered.</source>
        <translation>Число выходит за пределы, которые может хранить база данных. Проверьте введённые числа.</translation>
    </message>
    <message>
        <source>A text is longer than the database can store. Shorten it and try again.</source>
        <translation>Текст длиннее, чем может хранить база данных. Сократите его и повторите попытку.</translation>
    </message>
    <message>
        <source>A text contains a character that cannot be stored. Delete it and type the text again.</source>
        <translation>Текст содержит символ, который нельзя сохранить. Удалите его и введите текст заново.</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>партия</translation>
    </message>
    <message>
        <source>product</source>
        <translation>товар</translation>
    </message>
    <message>
        <source>part</source>
        <translation>деталь</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>склад</translation>
    </message>
    <message>
        <source>stock document</source>
        <translation>складской документ</translation>
    </message>
    <message>
        <source>purchase order</source>
        <translation>заказ поставщику</translation>
    </message>
    <message>
        <source>Label {code} names a {kind} that does not exist in this organisation. Check that the label is one of ours.</source>
        <translation>Этикетка {code} указывает на объект «{kind}», которого нет в этой организации. Проверьте, что этикетка наша.</translation>
    </message>
    <message>
        <source>scanned code</source>
        <translation>отсканированный код</translation>
    </message>
    <message>
        <source>Scan a label or type a code.</source>
        <translation>Отсканируйте этикетку или введите код.</translation>
    </message>
    <message>
        <source>No product SKU or lot number &apos;{code}&apos; is known. Check the label and scan again.</source>
        <translation>Артикул или номер партии «{code}» неизвестен. Проверьте этикетку и отсканируйте снова.</translation>
    </message>
    <message>
        <source>Nothing is known by &apos;{code}&apos;: no label, SKU, lot number, part code, warehouse code or document number. Check the label and scan again.</source>
        <translation>По «{code}» ничего не найдено: это не этикетка, не артикул, не номер партии, не код детали, не код склада и не номер документа. Проверьте этикетку и отсканируйте снова.</translation>
    </message>
    <message>
        <source>{code} is a {kind} label; scan a product or a lot label.</source>
        <translation>{code} — этикетка объекта «{kind}»; отсканируйте этикетку товара или партии.</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>комментарий</translation>
    </message>
    <message>
        <source>That operator does not exist. Choose one from the list.</source>
        <translation>Такого оператора нет. Выберите из списка.</translation>
    </message>
    <message>
        <source>{name} is no longer active; choose another operator.</source>
        <translation>{name} больше не активен; выберите другого оператора.</translation>
    </message>
    <message>
        <source>That stage is not on the route of part {code}. Choose a stage of its route.</source>
        <translation>Этой операции нет в маршруте детали {code}. Выберите операцию из её маршрута.</translation>
    </message>
    <message>
        <source>fact</source>
        <translation>факт</translation>
    </message>
    <message>
        <source>That fact does not exist (any more); it may have been removed meanwhile.</source>
        <translation>Такого факта нет; возможно, его тем временем удалили.</translation>
    </message>
    <message>
        <source>That fact was removed by someone else meanwhile.</source>
        <translation>Этот факт тем временем удалил кто-то другой.</translation>
    </message>
    <message>
        <source>Someone else changed this fact meanwhile. The journal has been refreshed; check the values and make your change again.</source>
        <translation>Этот факт тем временем изменил кто-то другой. Журнал обновлён; проверьте значения и внесите изменение заново.</translation>
    </message>
    <message>
        <source>Part {code} is cancelled; no facts are recorded for it.</source>
        <translation>Деталь {code} отменена; факты по ней не записываются.</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>причина</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>Дата начала позже даты окончания.</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>операция</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>stage code</source>
        <translation>код операции</translation>
    </message>
    <message>
        <source>A stage code is one word (use _ between words).</source>
        <translation>Код операции — одно слово (между словами ставьте _).</translation>
    </message>
    <message>
        <source>stage name</source>
        <translation>название операции</translation>
    </message>
    <message>
        <source>sort order</source>
        <translation>порядок сортировки</translation>
    </message>
    <message>
        <source>A stage with the code &apos;{code}&apos; already exists.</source>
        <translation>Операция с кодом «{code}» уже существует.</translation>
    </message>
    <message>
        <source>The document date cannot be in the future.</source>
        <translation>Дата документа не может быть в будущем.</translation>
    </message>
    <message>
        <source>The document date cannot be earlier than the last movement of this stock ({latest}). Record it with a later date.</source>
        <translation>Дата документа не может быть раньше последнего движения этого запаса ({latest}). Запишите его более поздней датой.</translation>
    </message>
    <message>
        <source>Unknown {label} &apos;{value}&apos;. Choose one of: {choices}.</source>
        <translation>Неизвестное значение «{value}» (поле «{label}»). Выберите одно из: {choices}.</translation>
    </message>
    <message>
        <source>SKU &apos;{sku}&apos; is already used by another product. Enter a different SKU.</source>
        <translation>Артикул «{sku}» уже используется другим товаром. Введите другой артикул.</translation>
    </message>
    <message>
        <source>{name} already has stock recorded in {unit}; its unit cannot change. Create a new product for the other unit.</source>
        <translation>По «{name}» уже учтён запас в единицах «{unit}»; единицу изменить нельзя. Создайте новый товар для другой единицы.</translation>
    </message>
    <message>
        <source>Warehouse code &apos;{code}&apos; is already used. Enter a different code.</source>
        <translation>Код склада «{code}» уже используется. Введите другой код.</translation>
    </message>
    <message>
        <source>A supplier named &apos;{name}&apos; already exists.</source>
        <translation>Поставщик «{name}» уже существует.</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>поставщик</translation>
    </message>
    <message>
        <source>That lot does not exist (any more).</source>
        <translation>Такой партии нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>document number</source>
        <translation>номер документа</translation>
    </message>
    <message>
        <source>Enter a document number.</source>
        <translation>Введите номер документа.</translation>
    </message>
    <message>
        <source>No stock document with that number exists.</source>
        <translation>Складского документа с таким номером нет.</translation>
    </message>
    <message>
        <source>reservation</source>
        <translation>резерв</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <source>partly_received</source>
        <translation>частично получен</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получен</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>Part {code} is {status}; its materials no longer change.</source>
        <translation>Деталь {code} {status}; её материалы больше не меняются.</translation>
    </message>
    <message>
        <source>Everything part {code} still needs is reserved or issued; nothing to reserve.</source>
        <translation>Всё, что ещё нужно детали {code}, зарезервировано или отпущено; резервировать нечего.</translation>
    </message>
    <message>
        <source>Only components of the part&apos;s BOM are issued to it here.</source>
        <translation>Здесь детали отпускаются только компоненты её спецификации.</translation>
    </message>
    <message>
        <source>Everything part {code} needs is issued; nothing to issue.</source>
        <translation>Всё, что нужно детали {code}, отпущено; отпускать нечего.</translation>
    </message>
    <message>
        <source>Only {returnable} of lot {lot_number} was issued to part {code} and not returned; you asked to return {qty}.</source>
        <translation>Из партии {lot_number} детали {code} отпущено и не возвращено только {returnable}; вы хотите вернуть {qty}.</translation>
    </message>
    <message>
        <source>Part {code}&apos;s posted output already carries the cost of this material; it can no longer be returned.</source>
        <translation>Оприходованный выпуск детали {code} уже включает стоимость этого материала; вернуть его больше нельзя.</translation>
    </message>
    <message>
        <source>Output is posted in whole pieces.</source>
        <translation>Выпуск приходуется целыми штуками.</translation>
    </message>
    <message>
        <source>Part {code} is cancelled; its output is not posted.</source>
        <translation>Деталь {code} отменена; её выпуск не приходуется.</translation>
    </message>
    <message>
        <source>Part {code} does not name the product it makes; set it first.</source>
        <translation>У детали {code} не указан изготавливаемый товар; сначала укажите его.</translation>
    </message>
    <message>
        <source>Part {code} has no good quantity at its last stage that is not posted yet ({good} good, {posted} posted).</source>
        <translation>У детали {code} на последней операции нет годных, ещё не оприходованных (годных {good}, оприходовано {posted}).</translation>
    </message>
    <message>
        <source>Only {ready} good piece(s) of part {code} are not posted yet; you asked to post {count}.</source>
        <translation>Не оприходовано только {ready} шт. годных детали {code}; вы хотите оприходовать {count}.</translation>
    </message>
    <message>
        <source>{product_name} or {warehouse_name} is deactivated.</source>
        <translation>«{product_name}» или склад «{warehouse_name}» отключён.</translation>
    </message>
    <message>
        <source>component</source>
        <translation>компонент</translation>
    </message>
    <message>
        <source>quantity per unit</source>
        <translation>количество на единицу</translation>
    </message>
    <message>
        <source>fixed quantity per order</source>
        <translation>фиксированное количество на заказ</translation>
    </message>
    <message>
        <source>Line {line}: enter a quantity per unit or a fixed quantity per order.</source>
        <translation>Строка {line}: укажите количество на единицу или фиксированное количество на заказ.</translation>
    </message>
    <message>
        <source>scrap %</source>
        <translation>отход, %</translation>
    </message>
    <message>
        <source>Line {line}: scrap % is at most {limit}.</source>
        <translation>Строка {line}: отход, % — не более {limit}.</translation>
    </message>
    <message>
        <source>Line {line}: choose make or buy.</source>
        <translation>Строка {line}: выберите «изготовить» или «купить».</translation>
    </message>
    <message>
        <source>A component of this BOM does not exist (any more).</source>
        <translation>Одного из компонентов этой спецификации нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>BOM</source>
        <translation>спецификация</translation>
    </message>
    <message>
        <source>note</source>
        <translation>примечание</translation>
    </message>
    <message>
        <source>A BOM holds at most {limit} lines.</source>
        <translation>В спецификации не больше {limit} строк.</translation>
    </message>
    <message>
        <source>{sku} is not made by the plant (category {category}); a BOM belongs to a finished product or a component.</source>
        <translation>{sku} не изготавливается заводом (категория «{category}»); спецификация бывает только у готовой продукции или комплектующего.</translation>
    </message>
    <message>
        <source>Copy lines from a revision of the same product.</source>
        <translation>Копируйте строки из редакции того же товара.</translation>
    </message>
    <message>
        <source>That BOM does not exist (any more).</source>
        <translation>Такой спецификации нет (возможно, её удалили).</translation>
    </message>
    <message>
        <source>This BOM was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Эту спецификацию тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>Revision {revision} was released to {used} part(s); its lines stay as they were. Make a new revision (copying these lines) and change that.</source>
        <translation>Редакция {revision} выдана в производство деталям: {used}; её строки остаются прежними. Создайте новую редакцию (скопировав эти строки) и измените её.</translation>
    </message>
    <message>
        <source>Revision {revision} is already the active one.</source>
        <translation>Редакция {revision} уже действующая.</translation>
    </message>
    <message>
        <source>Add lines to this revision before making it active.</source>
        <translation>Добавьте строки в эту редакцию, прежде чем делать её действующей.</translation>
    </message>
    <message>
        <source>That BOM revision is not one of this product&apos;s.</source>
        <translation>Эта редакция спецификации относится к другому товару.</translation>
    </message>
    <message>
        <source>Material was already issued to part {code}; its product and BOM stay as they were released.</source>
        <translation>Детали {code} уже отпущен материал; её товар и спецификация остаются такими, с какими она выдана в производство.</translation>
    </message>
    <message>
        <source>order size</source>
        <translation>размер заказа</translation>
    </message>
    <message>
        <source>This product has no active BOM.</source>
        <translation>У этого товара нет действующей спецификации.</translation>
    </message>
    <message>
        <source>over-receipt tolerance</source>
        <translation>допуск на перепоставку</translation>
    </message>
    <message>
        <source>The over-receipt tolerance can be at most {limit} %.</source>
        <translation>Допуск на перепоставку — не более {limit} %.</translation>
    </message>
    <message>
        <source>lead time in days</source>
        <translation>срок поставки в днях</translation>
    </message>
    <message>
        <source>The lead time must be between 0 and 3650 days.</source>
        <translation>Срок поставки должен быть от 0 до 3650 дней.</translation>
    </message>
    <message>
        <source>minimum order quantity</source>
        <translation>минимальный заказ</translation>
    </message>
    <message>
        <source>{code} is not a purchase order label; scan the order&apos;s label or type its number.</source>
        <translation>{code} — не этикетка заказа поставщику; отсканируйте этикетку заказа или введите его номер.</translation>
    </message>
    <message>
        <source>No purchase order &apos;{code}&apos; is known. Check the number and try again.</source>
        <translation>Заказ поставщику «{code}» не найден. Проверьте номер и повторите попытку.</translation>
    </message>
    <message>
        <source>purchase order number</source>
        <translation>номер заказа поставщику</translation>
    </message>
    <message>
        <source>Scan the purchase order&apos;s label or type its number.</source>
        <translation>Отсканируйте этикетку заказа поставщику или введите его номер.</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>примечания</translation>
    </message>
    <message>
        <source>quantity of line {line}</source>
        <translation>количество в строке {line}</translation>
    </message>
    <message>
        <source>unit price of line {line}</source>
        <translation>цена за единицу в строке {line}</translation>
    </message>
    <message>
        <source>Line {line} needs an expected date.</source>
        <translation>В строке {line} нужна ожидаемая дата.</translation>
    </message>
    <message>
        <source>order line</source>
        <translation>строка заказа</translation>
    </message>
    <message>
        <source>A purchase order needs at least one line.</source>
        <translation>В заказе поставщику нужна хотя бы одна строка.</translation>
    </message>
    <message>
        <source>A purchase order can have at most {limit} lines.</source>
        <translation>В заказе поставщику не больше {limit} строк.</translation>
    </message>
    <message>
        <source>Supplier {name} is deactivated.</source>
        <translation>Поставщик «{name}» отключён.</translation>
    </message>
    <message>
        <source>{name} is deactivated and cannot receive goods.</source>
        <translation>Склад «{name}» отключён и не может принимать товар.</translation>
    </message>
    <message>
        <source>The product of line {line} does not exist (any more).</source>
        <translation>Товара из строки {line} нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>Enter the unit price of line {line} ({sku}): this supplier has no earlier price for it.</source>
        <translation>Укажите цену за единицу в строке {line} ({sku}): у этого поставщика нет прежней цены на него.</translation>
    </message>
    <message>
        <source>Line {line}: the supplier&apos;s minimum order of {sku} is {moq} {unit}; order at least that much.</source>
        <translation>Строка {line}: минимальный заказ {sku} у поставщика — {moq} {unit}; закажите не меньше.</translation>
    </message>
    <message>
        <source>That purchase order does not exist (any more).</source>
        <translation>Такого заказа поставщику нет (возможно, его удалили).</translation>
    </message>
    <message>
        <source>This purchase order was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.</source>
        <translation>Этот заказ поставщику тем временем изменил кто-то другой. Загружены последние значения; проверьте их и внесите изменение заново.</translation>
    </message>
    <message>
        <source>Purchase order {number} is {status}; it can no longer be changed.</source>
        <translation>Заказ поставщику {number} в статусе «{status}»; изменить его больше нельзя.</translation>
    </message>
    <message>
        <source>Purchase order {number} was sent to its supplier; the supplier can no longer change. Cancel it and order from the other supplier.</source>
        <translation>Заказ поставщику {number} уже отправлен поставщику; поставщика больше нельзя сменить. Отмените его и закажите у другого поставщика.</translation>
    </message>
    <message>
        <source>Purchase order {number} was sent; its order date stays.</source>
        <translation>Заказ поставщику {number} отправлен; дата заказа остаётся прежней.</translation>
    </message>
    <message>
        <source>Order line {line} is not a line of {number} (any more).</source>
        <translation>Строки заказа {line} нет в {number} (возможно, её удалили).</translation>
    </message>
    <message>
        <source>Line {line} of {number} has received goods; it cannot be removed.</source>
        <translation>По строке {line} заказа {number} уже получен товар; удалить её нельзя.</translation>
    </message>
    <message>
        <source>Line {line} of {number} has received goods; its product cannot change.</source>
        <translation>По строке {line} заказа {number} уже получен товар; её товар нельзя сменить.</translation>
    </message>
    <message>
        <source>Line {line} already received {received}; the ordered quantity cannot be lower than that.</source>
        <translation>По строке {line} уже получено {received}; заказанное количество не может быть меньше.</translation>
    </message>
    <message>
        <source>be sent</source>
        <translation>отправить</translation>
    </message>
    <message>
        <source>be closed</source>
        <translation>закрыть</translation>
    </message>
    <message>
        <source>Purchase order {number} is {status}; it cannot {move}.</source>
        <translation>Заказ поставщику {number} в статусе «{status}»; его нельзя {move}.</translation>
    </message>
    <message>
        <source>Goods were received against {number}; it cannot be cancelled. Close it instead.</source>
        <translation>По {number} уже получен товар; его нельзя отменить. Закройте его.</translation>
    </message>
    <message>
        <source>Choose approve, reject or quarantine.</source>
        <translation>Выберите: допустить, забраковать или поместить в карантин.</translation>
    </message>
    <message>
        <source>Choose the lots to decide on.</source>
        <translation>Выберите партии для решения.</translation>
    </message>
    <message>
        <source>Tick at least one line to order.</source>
        <translation>Отметьте хотя бы одну строку для заказа.</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>The rows are taking too long to arrive; the file was not written. Try again, or narrow the filter.</source>
        <translation>Строки загружаются слишком долго; файл не записан. Попробуйте ещё раз или сузьте фильтр.</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}. If the file is open in another program (Excel), close it and try again, or choose another name.</source>
        <translation>Не удалось записать {path}: {reason}. Если файл открыт в другой программе (Excel), закройте его и повторите или выберите другое имя.</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>Строк: {count}</translation>
    </message>
</context>
<context>
    <name>journal</name>
    <message>
        <source>All shifts</source>
        <translation>Все смены</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Ночь</translation>
    </message>
    <message>
        <source>No shift</source>
        <translation>Без смены</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Смена</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Part name</source>
        <translation>Наименование детали</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Годных</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Брак</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Кто записал</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Изменено</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Grade, size</source>
        <translation>Марка, размер</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>{0} pcs</source>
        <translation>{0} шт</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Маршрут</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Место хранения</translation>
    </message>
    <message>
        <source>Roll {0} × {1} mm</source>
        <translation>Рулон {0} × {1} мм</translation>
    </message>
    <message>
        <source>A4 sheet {0} × {1} ({2} × {3} mm)</source>
        <translation>Лист A4 {0} × {1} ({2} × {3} мм)</translation>
    </message>
</context>
<context>
    <name>materials</name>
    <message>
        <source>Material requisition: {code}</source>
        <translation>Требование-накладная: {code}</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>Компонентов</translation>
    </message>
    <message>
        <source>Total value</source>
        <translation>Общая сумма</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Компонент</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>To issue</source>
        <translation>К отпуску</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Issued by (store)</source>
        <translation>Отпустил (склад)</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Получил</translation>
    </message>
    <message>
        <source>Shop foreman</source>
        <translation>Мастер участка</translation>
    </message>
    <message>
        <source>Part cost sheet: {code}</source>
        <translation>Калькуляция детали: {code}</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Оприходовано</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Отпущено</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <source>Material cost</source>
        <translation>Стоимость материалов</translation>
    </message>
    <message>
        <source>Carried by output</source>
        <translation>Отнесено на выпуск</translation>
    </message>
    <message>
        <source>Not carried yet</source>
        <translation>Ещё не отнесено</translation>
    </message>
    <message>
        <source>Cost per unit</source>
        <translation>Себестоимость ед.</translation>
    </message>
    <message>
        <source>BOM estimate per unit</source>
        <translation>Оценка по спецификации на ед.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Материалы</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Выпуск</translation>
    </message>
    <message>
        <source>Material shortages of open parts</source>
        <translation>Дефицит материалов по открытым деталям</translation>
    </message>
    <message>
        <source>No open part is short of material.</source>
        <translation>Ни одной открытой детали не хватает материалов.</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Bill of materials: {sku} rev. {revision}</source>
        <translation>Спецификация: {sku}, ред. {revision}</translation>
    </message>
    <message>
        <source>Order size</source>
        <translation>Размер заказа</translation>
    </message>
    <message>
        <source>Estimated cost</source>
        <translation>Оценочная стоимость</translation>
    </message>
    <message>
        <source>Per unit</source>
        <translation>На ед.</translation>
    </message>
    <message>
        <source>Without a cost</source>
        <translation>Без стоимости</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Make/buy</source>
        <translation>Изгот./закуп.</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Постоянно</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Отход, %</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Требуется</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>Where used: {sku}</source>
        <translation>Применяемость: {sku}</translation>
    </message>
    <message>
        <source>Bills of materials</source>
        <translation>Спецификации</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Действующая</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Open parts</source>
        <translation>Открытые детали</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Preview...</source>
        <translation>Просмотр...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
</context>
<context>
    <name>parts</name>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готова</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>% done</source>
        <translation>% готовности</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Blocker</source>
        <translation>Блокирует</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>заблокирована</translation>
    </message>
    <message>
        <source>Route progress</source>
        <translation>Ход по маршруту</translation>
    </message>
    <message>
        <source>{stage}: {good} of {planned} good, {scrap} scrap ({pct} %)</source>
        <translation>{stage}: годных {good} из {planned}, брак {scrap} ({pct} %)</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>The document could not be started. Check the printer, or that the file is not open in another program and the folder can be written to.</source>
        <translation>Не удалось начать документ. Проверьте принтер или что файл не открыт в другой программе и в папку можно писать.</translation>
    </message>
    <message>
        <source>Printed {when}</source>
        <translation>Напечатано {when}</translation>
    </message>
    <message>
        <source>Printed by {name}</source>
        <translation>Напечатал(а) {name}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Страница {page} из {pages}</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Name, signature, date</source>
        <translation>ФИО, подпись, дата</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>Предпросмотр: {title}</translation>
    </message>
    <message>
        <source>Print: {title}</source>
        <translation>Печать: {title}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Сохранить в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF saved to {path}</source>
        <translation>PDF сохранён: {path}</translation>
    </message>
</context>
<context>
    <name>production_reports</name>
    <message>
        <source>whole day</source>
        <translation>весь день</translation>
    </message>
    <message>
        <source>day shift</source>
        <translation>дневная смена</translation>
    </message>
    <message>
        <source>night shift</source>
        <translation>ночная смена</translation>
    </message>
    <message>
        <source>no shift</source>
        <translation>без смены</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Под угрозой</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>No deadline</source>
        <translation>Без срока</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Сменный отчёт</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Смена</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Факты</translation>
    </message>
    <message>
        <source>Stages worked</source>
        <translation>Выполненные операции</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Годных</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>Брак</translation>
    </message>
    <message>
        <source>Scrap %</source>
        <translation>Брак, %</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <source>No facts were recorded for this shift.</source>
        <translation>За эту смену факты не записаны.</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Part name</source>
        <translation>Наименование детали</translation>
    </message>
    <message>
        <source>(no operator)</source>
        <translation>(без оператора)</translation>
    </message>
    <message>
        <source>Stage total</source>
        <translation>Итого по операции</translation>
    </message>
    <message>
        <source>By operator</source>
        <translation>По операторам</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Shift foreman</source>
        <translation>Сменный мастер</translation>
    </message>
    <message>
        <source>Quality inspector</source>
        <translation>Контролёр ОТК</translation>
    </message>
    <message>
        <source>Production manager</source>
        <translation>Начальник производства</translation>
    </message>
    <message>
        <source>Parts progress</source>
        <translation>Ход производства деталей</translation>
    </message>
    <message>
        <source>Active parts on {date}</source>
        <translation>Активные детали на {date}</translation>
    </message>
    <message>
        <source>Active parts</source>
        <translation>Активные детали</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Осталось дней</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланирована</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Done %</source>
        <translation>Готово, %</translation>
    </message>
    <message>
        <source>Work %</source>
        <translation>Работа, %</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Риск</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Заблокирована</translation>
    </message>
    <message>
        <source>Good per stage</source>
        <translation>Годных по операциям</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>заблокирована</translation>
    </message>
    <message>
        <source>There are no active parts.</source>
        <translation>Активных деталей нет.</translation>
    </message>
    <message>
        <source>Late: the deadline has passed. At risk: at the pace so far the remaining work does not fit in the days left. Work %: all stages&apos; good up to the plan, stages weighed equally.</source>
        <translation>Просрочено: срок прошёл. Под угрозой: при нынешнем темпе оставшаяся работа не укладывается в оставшиеся дни. Работа, %: годные всех операций до плана, операции с равным весом.</translation>
    </message>
    <message>
        <source>Print preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Печать...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
</context>
<context>
    <name>purchasing</name>
    <message>
        <source>Purchase order {number}</source>
        <translation>Заказ поставщику {number}</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Поставщик</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>Дата заказа</translation>
    </message>
    <message>
        <source>Deliver to</source>
        <translation>Склад доставки</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидается</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Примечания</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Закупщик</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Утвердил</translation>
    </message>
    <message>
        <source>Return to supplier {number}</source>
        <translation>Возврат поставщику {number}</translation>
    </message>
    <message>
        <source>Goods receipt note {number}</source>
        <translation>Приходная накладная {number}</translation>
    </message>
    <message>
        <source>Purchase order</source>
        <translation>Заказ поставщику</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Кто записал</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Качество</translation>
    </message>
    <message>
        <source>Delivered by</source>
        <translation>Сдал</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Принял</translation>
    </message>
    <message>
        <source>Quality inspector</source>
        <translation>Контролёр ОТК</translation>
    </message>
    <message>
        <source>Open purchase orders and late deliveries</source>
        <translation>Открытые заказы поставщикам и просроченные поставки</translation>
    </message>
    <message>
        <source>as of {day}</source>
        <translation>на {day}</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Строк</translation>
    </message>
    <message>
        <source>Next expected</source>
        <translation>Ближайшая поставка</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Просрочено</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Late deliveries</source>
        <translation>Просроченные поставки</translation>
    </message>
    <message>
        <source>No delivery is late.</source>
        <translation>Просроченных поставок нет.</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Заказано</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>Дней просрочки</translation>
    </message>
    <message>
        <source>Supplier on-time and quantity performance</source>
        <translation>Поставщики: соблюдение сроков и количества</translation>
    </message>
    <message>
        <source>On time: the first receipt of a line came by its expected date. In full: the line received its ordered quantity.</source>
        <translation>В срок: первый приход по строке был не позже ожидаемой даты. Полностью: по строке получено заказанное количество.</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>On time %</source>
        <translation>В срок, %</translation>
    </message>
    <message>
        <source>In full</source>
        <translation>Полностью</translation>
    </message>
    <message>
        <source>In full %</source>
        <translation>Полностью, %</translation>
    </message>
    <message>
        <source>Lots returned</source>
        <translation>Возвращено партий</translation>
    </message>
    <message>
        <source>What to buy</source>
        <translation>Что закупить</translation>
    </message>
    <message>
        <source>Nothing to buy: stock and open orders cover every need.</source>
        <translation>Закупать нечего: запасы и открытые заказы покрывают все потребности.</translation>
    </message>
    <message>
        <source>(no supplier)</source>
        <translation>(без поставщика)</translation>
    </message>
    <message>
        <source>Parts need</source>
        <translation>Нужно деталям</translation>
    </message>
    <message>
        <source>Min. level</source>
        <translation>Мин. остаток</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Pending QC</source>
        <translation>Ожидает ОТК</translation>
    </message>
    <message>
        <source>On order</source>
        <translation>В заказах</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Предлагается</translation>
    </message>
    <message>
        <source>Order by</source>
        <translation>Заказать до</translation>
    </message>
    <message>
        <source>Parts causing the shortage</source>
        <translation>Детали, вызывающие дефицит</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Нужно</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>Покрыто</translation>
    </message>
</context>
<context>
    <name>stock</name>
    <message>
        <source>Approved</source>
        <translation>Допущена</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ожидает ОТК</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Карантин</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Забракована</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Приход</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Расход</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Корректировка</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>Перемещение (расход)</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>Перемещение (приход)</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>Резерв</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Снятие резерва</translation>
    </message>
    <message>
        <source>Quality change</source>
        <translation>Смена качества</translation>
    </message>
    <message>
        <source>Return from a part</source>
        <translation>Возврат с детали</translation>
    </message>
    <message>
        <source>Part output</source>
        <translation>Выпуск детали</translation>
    </message>
    <message>
        <source>Metal</source>
        <translation>Металл</translation>
    </message>
    <message>
        <source>Fastener</source>
        <translation>Крепёж</translation>
    </message>
    <message>
        <source>Tooling</source>
        <translation>Оснастка</translation>
    </message>
    <message>
        <source>Consumable</source>
        <translation>Расходные материалы</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Комплектующие</translation>
    </message>
    <message>
        <source>Finished goods</source>
        <translation>Готовая продукция</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>с {start} по {end}</translation>
    </message>
    <message>
        <source>from {start}</source>
        <translation>с {start}</translation>
    </message>
    <message>
        <source>up to {end}</source>
        <translation>по {end}</translation>
    </message>
    <message>
        <source>all time</source>
        <translation>за всё время</translation>
    </message>
    <message>
        <source>Stock availability with FIFO value</source>
        <translation>Наличие запасов с суммой по ФИФО</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Строк</translation>
    </message>
    <message>
        <source>Products below minimum</source>
        <translation>Позиций ниже минимума</translation>
    </message>
    <message>
        <source>Total FIFO value</source>
        <translation>Итого по ФИФО</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Номенклатура</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Склад</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>В резерве</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>В наличии</translation>
    </message>
    <message>
        <source>FIFO value</source>
        <translation>Сумма по ФИФО</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Минимум</translation>
    </message>
    <message>
        <source>Below</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>all</source>
        <translation>все</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Critical stock</source>
        <translation>Критические остатки</translation>
    </message>
    <message>
        <source>No product is below its minimum level.</source>
        <translation>Нет позиций ниже минимального остатка.</translation>
    </message>
    <message>
        <source>{count} product(s) below the minimum level. Pending stock is awaiting quality control and becomes available once approved.</source>
        <translation>Позиций ниже минимального остатка: {count}. Запас, ожидающий ОТК, станет доступен после допуска.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Shortage</source>
        <translation>Нехватка</translation>
    </message>
    <message>
        <source>Stock card: {sku}</source>
        <translation>Карточка учёта: {sku}</translation>
    </message>
    <message>
        <source>all warehouses</source>
        <translation>все склады</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Начальный остаток</translation>
    </message>
    <message>
        <source>Opening value</source>
        <translation>Начальная сумма</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Поступила</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Отпущено</translation>
    </message>
    <message>
        <source>Closing balance</source>
        <translation>Конечный остаток</translation>
    </message>
    <message>
        <source>Closing value</source>
        <translation>Конечная сумма</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Партия</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Приход</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Расход</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>Balance value</source>
        <translation>Сумма остатка</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>Конечный</translation>
    </message>
    <message>
        <source>Only the first {count} movements are listed; the closing balance covers the whole period. Choose a shorter period to see every movement.</source>
        <translation>Показаны только первые {count} движений; конечный остаток — за весь период. Выберите период короче, чтобы увидеть все движения.</translation>
    </message>
    <message>
        <source>Stock valuation at the end of {date}</source>
        <translation>Оценка запасов на конец дня {date}</translation>
    </message>
    <message>
        <source>Stock valuation as of {moment}</source>
        <translation>Оценка запасов на {moment}</translation>
    </message>
    <message>
        <source>Total value</source>
        <translation>Итого сумма</translation>
    </message>
    <message>
        <source>By warehouse</source>
        <translation>По складам</translation>
    </message>
    <message>
        <source>By product</source>
        <translation>По номенклатуре</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Stock movement journal</source>
        <translation>Журнал движения запасов</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>Движения</translation>
    </message>
    <message>
        <source>Value in</source>
        <translation>Сумма прихода</translation>
    </message>
    <message>
        <source>Value out</source>
        <translation>Сумма расхода</translation>
    </message>
    <message>
        <source>The period holds more movements than one report lists; choose a shorter period.</source>
        <translation>За период больше движений, чем помещается в один отчёт; выберите период короче.</translation>
    </message>
    <message>
        <source>(reserved)</source>
        <translation>(в резерве)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Снят</translation>
    </message>
</context>
<context>
    <name>stock_documents</name>
    <message>
        <source>Print document</source>
        <translation>Печать документа</translation>
    </message>
    <message>
        <source>The document&apos;s paper form: goods receipt note (М-4) for a receipt, requisition-invoice (М-11) for an issue or a transfer</source>
        <translation>Бумажная форма документа: приходный ордер (М-4) для поступления, требование-накладная (М-11) для отпуска и перемещения</translation>
    </message>
</context>
<context>
    <name>table_actions</name>
    <message>
        <source>{count} rows written to {path}</source>
        <translation>Записано строк: {count} в {path}</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Export to CSV...</source>
        <translation>Экспорт в CSV...</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Экспорт в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export to Excel...</source>
        <translation>Экспорт в Excel...</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Экспорт в Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Print preview...</source>
        <translation>Предпросмотр...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Печать...</translation>
    </message>
    <message>
        <source>Save as PDF...</source>
        <translation>Сохранить в PDF...</translation>
    </message>
</context>
<context>
    <name>task_reports</name>
    <message>
        <source>Open tasks and blockers as of {0}</source>
        <translation>Открытые и блокирующие задачи на {0}</translation>
    </message>
    <message>
        <source>Open tasks and blockers</source>
        <translation>Открытые и блокирующие задачи</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>Открытые задачи</translation>
    </message>
    <message>
        <source>Blockers</source>
        <translation>Блокирующие</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просроченные</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>By part</source>
        <translation>По деталям</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Деталь</translation>
    </message>
    <message>
        <source>By assignee</source>
        <translation>По исполнителям</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>no part</source>
        <translation>без детали</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>просрочена</translation>
    </message>
    <message>
        <source>BLOCKER</source>
        <translation>БЛОКИРУЕТ</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>Блокирует</translation>
    </message>
    <message>
        <source>No open tasks.</source>
        <translation>Открытых задач нет.</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>BLOCKER</source>
        <translation>БЛОКИРУЕТ</translation>
    </message>
    <message>
        <source>due {0}</source>
        <translation>срок {0}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>сегодня</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>завтра</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>вчера</translation>
    </message>
    <message>
        <source>Assignee: {0}</source>
        <translation>Исполнитель: {0}</translation>
    </message>
    <message>
        <source>Category: {0}</source>
        <translation>Категория: {0}</translation>
    </message>
    <message>
        <source>Part: {0}</source>
        <translation>Деталь: {0}</translation>
    </message>
    <message>
        <source>Due: {0}</source>
        <translation>Срок: {0}</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation> (просрочена)</translation>
    </message>
    <message>
        <source>Blocks production</source>
        <translation>Блокирует производство</translation>
    </message>
    <message>
        <source>{0} comment(s)</source>
        <translation>Комментариев: {0}</translation>
    </message>
    <message>
        <source>New activity since you last opened it</source>
        <translation>Есть новое с вашего последнего просмотра</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Должен сменить пароль</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Последний вход</translation>
    </message>
    <message>
        <source>Locked out until</source>
        <translation>Заблокирован до</translation>
    </message>
</context>
</TS>
