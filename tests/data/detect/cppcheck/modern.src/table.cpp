#include <string>
#include <vector>

struct table {
	std::vector<std::string> rows;
	std::size_t count(std::string key) const;
};

std::size_t table::count(std::string key) const
{
	std::size_t n = 0;

	for (std::size_t i = 0; i < rows.size(); i++)
		if (rows[i] == key)
			n++;
	return n;
}
