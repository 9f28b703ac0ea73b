local Account = {balance = 0}
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account.withdraw(self, v) self.balance = self.balance - v; return self end
Account:deposit(100):withdraw(30):deposit(5)
print(Account.balance)
local other = {balance = 1, deposit = Account.deposit}
other:deposit(9)
print(other.balance)
local self = "local named self"
function Account:who() return type(self) end
print(Account:who(), self)
